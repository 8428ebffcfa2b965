package dev.reelbeam.io.subtitles;

import java.io.IOException;

/** A subtitle file or track that cannot be read, with a message a person can act on. */
public final class BadSubtitleException extends IOException {
  public BadSubtitleException(String message) {
    super(message);
  }
}
