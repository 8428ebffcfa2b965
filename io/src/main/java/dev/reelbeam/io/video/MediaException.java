package dev.reelbeam.io.video;

import java.io.IOException;

/**
 * A video or audio input that cannot be read as media. The message says what is wrong with the file
 * in words a person understands and, where FFmpeg gave one, FFmpeg's own reason.
 */
public class MediaException extends IOException {
  private static final long serialVersionUID = 1L;

  public MediaException(String message) {
    super(message);
  }

  public MediaException(String message, Throwable cause) {
    super(message, cause);
  }
}
