package dev.reelbeam.io.docs;

/** A document that cannot be indexed, with a message saying what is wrong with the file. */
public class BadDocumentException extends Exception {
  public BadDocumentException(String message) {
    super(message);
  }

  public BadDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
