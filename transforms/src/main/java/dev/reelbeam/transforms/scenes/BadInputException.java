package dev.reelbeam.transforms.scenes;

/**
 * The input, not the code, is at fault, found where no I/O exception tells it (a video none of whose
 * frames decoded, a film some of whose segments failed): becomes an error record, where an {@link
 * IllegalStateException} would fail the job as a bug.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
