package dev.reelbeam.io.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A cheap identity of an input file: size, modification time and a SHA-256 of its first and last
 * 64 KiB. Reading the whole of a film to decide whether it changed would cost as much as a decode.
 */
public final class Fingerprint {
  private static final int SPAN = 64 * 1024;

  private Fingerprint() {}

  /** {@code size:<bytes>;mtime:<millis>;headtail:<sha-256 hex>}. */
  public static String of(Path file) throws IOException {
    long size = Files.size(file);
    long mtime = Files.getLastModifiedTime(file).toMillis();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      digest(ch, 0, (int) Math.min(SPAN, size), sha);
      if (size > SPAN) {
        long tailStart = Math.max(SPAN, size - SPAN);
        digest(ch, tailStart, (int) (size - tailStart), sha);
      }
    }
    return "size:" + size + ";mtime:" + mtime + ";headtail:" + HexFormat.of().formatHex(sha.digest());
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
