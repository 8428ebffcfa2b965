package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.MediaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.reelbeam.transforms.model.ErrorRecord;

/** Turns a failure into the dead-letter record a person can read. */
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
    return new ErrorRecord(input, id, stage, root.getClass().getName(), message);
  }

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
