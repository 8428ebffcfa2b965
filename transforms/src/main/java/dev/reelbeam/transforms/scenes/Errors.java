package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.MediaException;
import dev.reelbeam.transforms.model.ErrorRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a failure into the dead-letter record a person can read. Only failures the input causes
 * become records: the transforms catch {@link IOException} (which covers {@link MediaException},
 * FFmpeg's and JSON parsing's exceptions), {@link UncheckedIOException} and {@link BadInputException};
 * anything else (a null pointer, an index out of bounds, an illegal state in our code) is a bug and
 * fails the job.
 */
public final class Errors {
  private Errors() {}

  /** What the JDK and the OS say when a write hits a full file system (ENOSPC). */
  public static final String DISK_FULL = "No space left on device";

  /**
   * The dead-letter record for {@code e}; a full disk is not the video's fault, so instead of a record
   * (which would mark a good video as bad) it throws and the job stops with the reason.
   */
  public static ErrorRecord of(String input, String id, String stage, Throwable e) {
    rethrowIfDiskFull(e);
    Throwable root = e;
    String message = e.getMessage();
    if (!(e instanceof MediaException) && e.getCause() instanceof MediaException m) {
      root = m;
      message = m.getMessage();
    }
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    if (!(root instanceof MediaException)) {
      message = "Stage " + stage + " failed on " + input + ": " + message;
    }
    return new ErrorRecord(input, id, stage, root.getClass().getName(), message, stackTrace(e), ErrorRecord.now());
  }

  /**
   * {@code e} when the input caused it; anything else is rethrown so the job fails loudly. For the
   * few steps whose decoding callbacks declare {@code throws Exception} and so cannot be narrowed by
   * their {@code catch}.
   */
  public static Exception inputFailure(Exception e) {
    if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof BadInputException) {
      return e;
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    throw new IllegalStateException("not a failure of the input: " + e, e);
  }

  /**
   * The stack trace of {@code e} and its causes, each cut below its last ReelBeam frame: what
   * ReelBeam's code and the libraries it called did, without the runner's frames under the DoFn.
   * So the record's bytes are the same on every runner and every rerun (a resumed run writes the
   * error files a clean run writes, and Flink's equal the Direct runner's).
   */
  public static String stackTrace(Throwable e) {
    StringBuilder sb = new StringBuilder();
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      sb.append(t == e ? "" : "Caused by: ").append(t).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      int last = frames.length - 1;
      while (last > 0 && !frames[last].getClassName().startsWith(OWN_PACKAGE)) {
        last--;
      }
      for (int k = 0; k <= last; k++) {
        sb.append("\tat ").append(frames[k]).append('\n');
      }
    }
    return sb.toString();
  }

  private static final String OWN_PACKAGE = "dev.reelbeam.";

  /** Throws when {@code e} or one of its causes is a full disk: the job must stop, not the video fail. */
  public static void rethrowIfDiskFull(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && m.contains(DISK_FULL)) {
        IOException full = c instanceof IOException io ? io : new IOException(m, c);
        throw new UncheckedIOException(DISK_FULL + ": the output disk is full; free space, then rerun with --resume", full);
      }
    }
  }
}
