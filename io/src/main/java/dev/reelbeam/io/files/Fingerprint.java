package dev.reelbeam.io.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A cheap identity of an input file: size, modification time and a SHA-256 of its first and last
 * 64 KiB. Reading the whole of a film to decide whether it changed would cost as much as a decode.
 */
public final class Fingerprint {
  private static final int SPAN = 64 * 1024;

  private Fingerprint() {}

  /**
   * The fingerprint of {@code path}: a local file, or a file on another Beam filesystem (read
   * through {@link FileSystems}: the same value as for a local copy with the same modification time).
   */
  public static String of(String path) throws IOException {
    if (!Locations.isRemote(path)) {
      return of(Path.of(path));
    }
    MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(path);
    long size = meta.sizeBytes();
    MessageDigest sha = Sha256.digest();
    try (ReadableByteChannel ch = FileSystems.open(meta.resourceId())) {
      long[] at = {0};
      digestFrom(ch, at, 0, (int) Math.min(SPAN, size), sha);
      if (size > SPAN) {
        long tailStart = Math.max(SPAN, size - SPAN);
        digestFrom(ch, at, tailStart, (int) (size - tailStart), sha);
      }
    }
    return format(size, meta.lastModifiedMillis(), sha);
  }

  /** {@code size:<bytes>;mtime:<millis>;headtail:<sha-256 hex>}. */
  public static String of(Path file) throws IOException {
    long size = Files.size(file);
    long mtime = Files.getLastModifiedTime(file).toMillis();
    MessageDigest sha = Sha256.digest();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      digest(ch, 0, (int) Math.min(SPAN, size), sha);
      if (size > SPAN) {
        long tailStart = Math.max(SPAN, size - SPAN);
        digest(ch, tailStart, (int) (size - tailStart), sha);
      }
    }
    return format(size, mtime, sha);
  }

  private static String format(long size, long mtime, MessageDigest sha) {
    return "size:" + size + ";mtime:" + mtime + ";headtail:" + HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Digests {@code len} bytes from {@code pos} of a channel read front to back ({@code at[0]}: where
   * it stands): seeks when the channel can, else reads past the bytes in between.
   */
  private static void digestFrom(ReadableByteChannel ch, long[] at, long pos, int len, MessageDigest sha)
      throws IOException {
    if (ch instanceof SeekableByteChannel seekable) {
      seekable.position(pos);
      at[0] = pos;
    }
    ByteBuffer skip = ByteBuffer.allocate(SPAN);
    while (at[0] < pos) {
      skip.clear().limit((int) Math.min(SPAN, pos - at[0]));
      int n = ch.read(skip);
      if (n < 0) {
        throw new IOException("file ended before byte " + pos);
      }
      at[0] += n;
    }
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      int n = ch.read(buf);
      if (n < 0) {
        break;
      }
      at[0] += n;
    }
    buf.flip();
    sha.update(buf);
  }

  private static void digest(FileChannel ch, long pos, int len, MessageDigest sha) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (ch.read(buf, pos + buf.position()) < 0) {
        break;
      }
    }
    buf.flip();
    sha.update(buf);
  }
}
