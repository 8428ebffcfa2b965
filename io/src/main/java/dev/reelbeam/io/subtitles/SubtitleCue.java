package dev.reelbeam.io.subtitles;

import java.io.Serializable;

/**
 * One subtitle: plain text shown from {@code startMs} to {@code endMs}.
 *
 * @param startMs start in milliseconds from the video's start
 * @param endMs end in milliseconds (at least {@code startMs})
 * @param text the words, styling removed, lines joined by {@code \n}
 */
public record SubtitleCue(long startMs, long endMs, String text) implements Serializable {
  public SubtitleCue {
    if (endMs < startMs) {
      endMs = startMs;
    }
  }

  public double startSeconds() {
    return startMs / 1000.0;
  }

  public double endSeconds() {
    return endMs / 1000.0;
  }
}
