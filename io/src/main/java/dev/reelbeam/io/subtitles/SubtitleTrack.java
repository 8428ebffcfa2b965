package dev.reelbeam.io.subtitles;

import java.io.Serializable;
import java.util.List;

/**
 * A subtitle track of a video: a sidecar file beside it or a stream inside it.
 *
 * @param trackId a name unique within the video, used in file names ({@code ext-en}, {@code s2-eng})
 * @param source {@code sidecar} or {@code embedded}
 * @param file the file the track was read from (the sidecar, or the video)
 * @param streamIndex the stream's index in {@code file}
 * @param codec FFmpeg's codec name ({@code subrip}, {@code ass}, {@code mov_text}, {@code webvtt}, ...)
 * @param language language tag from the stream or the sidecar's suffix, or "" when unknown
 * @param title the stream's title, or ""
 * @param skipped why the track was not read (a bitmap track), or "" when it was
 * @param cues the cues in time order (empty when skipped)
 * @param warnings what was tolerated and mended (cues sorted, empty cues dropped, ...)
 */
public record SubtitleTrack(
    String trackId,
    String source,
    String file,
    int streamIndex,
    String codec,
    String language,
    String title,
    String skipped,
    List<SubtitleCue> cues,
    List<String> warnings)
    implements Serializable {

  public static final String SIDECAR = "sidecar";
  public static final String EMBEDDED = "embedded";

  public SubtitleTrack {
    cues = List.copyOf(cues);
    warnings = List.copyOf(warnings);
    language = language == null ? "" : language;
    title = title == null ? "" : title;
    skipped = skipped == null ? "" : skipped;
  }

  public boolean isText() {
    return skipped.isEmpty();
  }
}
