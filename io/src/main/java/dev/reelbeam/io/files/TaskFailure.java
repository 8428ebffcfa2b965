package dev.reelbeam.io.files;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * A task run on a pool for I/O work failed: its own exception, as the caller would have thrown it
 * had it run the task itself (an {@link IOException}, an unchecked exception or an error as they
 * are; anything else wrapped in an {@code IOException}).
 */
public final class TaskFailure {

  private TaskFailure() {}

  /**
   * Throws {@code e}'s cause when it is unchecked or an error; else returns it as an
   * {@code IOException} for the caller to throw ({@code throw TaskFailure.cause(e);}).
   */
  public static IOException cause(ExecutionException e) {
    Throwable c = e.getCause();
    if (c instanceof RuntimeException r) {
      throw r;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return c instanceof IOException io ? io : new IOException(c);
  }
}
