package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.MediaException;
import dev.reelbeam.transforms.model.ErrorRecord;

/** Turns a failure into the dead-letter record a person can read. */
public final class Errors {
  private Errors() {}

  public static ErrorRecord of(String input, String id, String stage, Throwable e) {
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
}
