package dev.reelbeam.transforms.subtitles;

import dev.reelbeam.io.subtitles.SubtitleCue;
import dev.reelbeam.io.subtitles.SubtitleTrack;
import dev.reelbeam.transforms.model.Scene;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A video's subtitle tracks and the files written for them.
 *
 * @param videoId the video
 * @param tracks every track found, text and skipped, in the order written
 * @param files output paths relative to the output root (the SRT files, then the JSON)
 */
public record VideoSubtitles(String videoId, List<SubtitleTrack> tracks, List<String> files)
    implements Serializable {
  public VideoSubtitles {
    tracks = List.copyOf(tracks);
    files = List.copyOf(files);
  }

  /** Cues of the text tracks. */
  public int cueCount() {
    return tracks.stream().mapToInt(t -> t.cues().size()).sum();
  }

  /**
   * The scene a cue falls in: the scene holding its start (the last scene for a cue past the
   * end), or 0 when there are no scenes.
   */
  public static int sceneOf(SubtitleCue cue, List<Scene> scenes) {
    double t = cue.startSeconds();
    for (Scene s : scenes) {
      if (t >= s.startTime() && t < s.endTime()) {
        return s.sceneId();
      }
    }
    if (scenes.isEmpty()) {
      return 0;
    }
    return t < scenes.get(0).startTime() ? scenes.get(0).sceneId() : scenes.get(scenes.size() - 1).sceneId();
  }

  /** The cues of {@code track} in {@code scene}, in time order. */
  public static List<SubtitleCue> cuesIn(SubtitleTrack track, Scene scene, List<Scene> scenes) {
    List<SubtitleCue> out = new ArrayList<>();
    for (SubtitleCue c : track.cues()) {
      if (sceneOf(c, scenes) == scene.sceneId()) {
        out.add(c);
      }
    }
    return out;
  }
}
