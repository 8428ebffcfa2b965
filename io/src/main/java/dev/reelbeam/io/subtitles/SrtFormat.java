package dev.reelbeam.io.subtitles;

import java.util.List;

/** Normalised SubRip: cues numbered from 1 in time order, {@code HH:MM:SS,mmm}, UTF-8, LF. */
public final class SrtFormat {
  private SrtFormat() {}

  public static String render(List<SubtitleCue> cues) {
    StringBuilder sb = new StringBuilder();
    int n = 1;
    for (SubtitleCue c : cues) {
      sb.append(n++).append('\n')
          .append(timestamp(c.startMs())).append(" --> ").append(timestamp(c.endMs())).append('\n')
          .append(c.text()).append("\n\n");
    }
    return sb.toString();
  }

  /** {@code HH:MM:SS,mmm}. */
  public static String timestamp(long ms) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d,%03d",
        ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }
}
