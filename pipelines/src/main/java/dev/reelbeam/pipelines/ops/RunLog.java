package dev.reelbeam.pipelines.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The per-run log file {@code logs/reelbeam_<time>.log}: every event with its time, stage timings,
 * and every error's full detail, while the console stays short. Each line is flushed as written, so
 * the log is readable after a crash.
 */
public final class RunLog implements AutoCloseable {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final Path file;
  private final PrintWriter out;

  /** Opens (creates or appends to) {@code file}. */
  public RunLog(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.file = file;
    Writer w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    this.out = new PrintWriter(w, true);
  }

  /** File name for a run started at {@code start}. */
  public static String fileName(LocalDateTime start) {
    return "reelbeam_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(start) + ".log";
  }

  public Path file() {
    return file;
  }

  public synchronized void info(String message) {
    line("INFO ", message);
  }

  public synchronized void warn(String message) {
    line("WARN ", message);
  }

  public synchronized void error(String message, Throwable t) {
    line("ERROR", message);
    if (t != null) {
      StringWriter sw = new StringWriter();
      t.printStackTrace(new PrintWriter(sw));
      out.print(sw);
      out.flush();
    }
  }

  private void line(String level, String message) {
    out.println(TIME.format(LocalDateTime.now()) + " " + level + " " + message);
    if (out.checkError()) {
      throw new UncheckedIOException(new IOException("cannot write the run log " + file));
    }
  }

  @Override
  public synchronized void close() {
    out.close();
  }
}
