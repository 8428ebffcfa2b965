package dev.reelbeam.io.files;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A pooled task's failure comes back as the task's own exception. */
class TaskFailureTest {

  @Test
  void givesTheTasksOwnException() {
    IOException io = new IOException("disk");
    assertSame(io, TaskFailure.cause(new ExecutionException(io)));

    IllegalStateException unchecked = new IllegalStateException("bad");
    assertSame(unchecked, assertThrows(IllegalStateException.class,
        () -> TaskFailure.cause(new ExecutionException(unchecked))));

    UncheckedIOException wrappedIo = new UncheckedIOException(io);
    assertSame(wrappedIo, assertThrows(UncheckedIOException.class,
        () -> TaskFailure.cause(new ExecutionException(wrappedIo))));

    AssertionError error = new AssertionError("broken");
    assertSame(error, assertThrows(AssertionError.class, () -> TaskFailure.cause(new ExecutionException(error))));

    Exception checked = new Exception("other");
    assertSame(checked, TaskFailure.cause(new ExecutionException(checked)).getCause());
  }
}
