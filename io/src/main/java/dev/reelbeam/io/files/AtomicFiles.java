package dev.reelbeam.io.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that a file under its final name is always complete: the bytes go to a hidden
 * temporary file in the same directory, are forced to disk, and the temporary file is renamed over
 * the final name. A crash leaves at most a {@code .tmp-} file, which readers ignore and the next run
 * removes.
 */
public final class AtomicFiles {

  /** Prefix of temporary files; anything starting with it is not an output. */
  public static final String TEMP_PREFIX = ".tmp-";

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target} atomically, creating parent directories. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Writes {@code bytes} to {@code target} atomically unless it already holds exactly them: an
   * unchanged rerun then costs a read, not a write and an fsync per file.
   *
   * @return whether the file was written
   */
  public static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
    if (Files.isRegularFile(target) && Files.size(target) == bytes.length
        && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
      return false;
    }
    write(target, bytes);
    return true;
  }

  /** Streams {@code body} to {@code target} atomically, creating parent directories. */
  public static void write(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = tempSibling(target);
    try {
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        body.writeTo(out);
      }
      commit(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A fresh temporary name beside {@code target}, for writers (such as native encoders) that need a path. */
  public static Path tempSibling(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.getParent()
        .resolve(TEMP_PREFIX + UUID.randomUUID().toString().substring(0, 8) + "-" + abs.getFileName());
  }

  /** Forces {@code tmp} to disk and renames it over {@code target}. */
  public static void commit(Path tmp, Path target) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Whether {@code name} is a temporary file left by an interrupted write. */
  public static boolean isTemporary(String name) {
    return name.startsWith(TEMP_PREFIX);
  }
}
