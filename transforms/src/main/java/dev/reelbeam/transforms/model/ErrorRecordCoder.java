package dev.reelbeam.transforms.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link ErrorRecord}'s seven strings, in order (any may be null). */
public final class ErrorRecordCoder extends AtomicCoder<ErrorRecord> {
  private static final ErrorRecordCoder INSTANCE = new ErrorRecordCoder();
  private static final Coder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

  private ErrorRecordCoder() {}

  public static ErrorRecordCoder of() {
    return INSTANCE;
  }

  /**
   * What {@code @DefaultCoder} on {@link ErrorRecord} looks up: without it Beam's registry passes the
   * annotation by and falls back to Java serialisation.
   */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ErrorRecord.class), INSTANCE);
  }

  @Override
  public void encode(ErrorRecord r, OutputStream out) throws IOException {
    for (String s : Arrays.asList(r.input(), r.id(), r.stage(), r.exceptionClass(), r.message(), r.stackTrace(), r.time())) {
      TEXT.encode(s, out);
    }
  }

  @Override
  public ErrorRecord decode(InputStream in) throws IOException {
    return new ErrorRecord(TEXT.decode(in), TEXT.decode(in), TEXT.decode(in), TEXT.decode(in),
        TEXT.decode(in), TEXT.decode(in), TEXT.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
