package dev.reelbeam.transforms.coders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A coder that writes its element field by field through a data stream ({@link Fields}' encodings),
 * so it delimits itself wherever Beam nests it.
 */
abstract class FieldCoder<T> extends AtomicCoder<T> {
  abstract void write(T value, DataOutputStream o) throws IOException;

  abstract T read(DataInputStream i) throws IOException;

  @Override
  public final void encode(T value, OutputStream out) throws IOException {
    write(value, new DataOutputStream(out));
  }

  @Override
  public final T decode(InputStream in) throws IOException {
    return read(new DataInputStream(in));
  }
}
