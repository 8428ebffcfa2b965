package dev.reelbeam.transforms.exports;

import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What an editor needs from one video's cut detection: the source, its exact rate and length, and
 * the shots as frame ranges. Independent of Beam and of the per-frame signals, so the writers can
 * be used on their own.
 *
 * @param videoId ReelBeam's id of the video (names the files)
 * @param videoPath the source as given to the pipeline (absolute path or URI)
 * @param rate the exact frame rate
 * @param frameCount frames decoded (the source's available range)
 * @param hasAudio whether the source has an audio stream (adds an audio track to the OTIO)
 * @param settings the detector's parameters, recorded in the OTIO metadata (may be null)
 * @param shots the shots in order, numbered from 1
 */
public record CutList(
    String videoId,
    String videoPath,
    FrameRate rate,
    long frameCount,
    boolean hasAudio,
    DetectorSettings settings,
    List<Shot> shots)
    implements Serializable {

  /**
   * One shot.
   *
   * @param number 1-based
   * @param startFrame first frame, inclusive
   * @param endFrame end frame, exclusive
   */
  public record Shot(int number, long startFrame, long endFrame) implements Serializable {
    public Shot {
      if (startFrame < 0 || endFrame <= startFrame) {
        throw new IllegalArgumentException(
            "shot " + number + " has no frames: [" + startFrame + ", " + endFrame + ")");
      }
    }

    public long length() {
      return endFrame - startFrame;
    }
  }

  public CutList {
    shots = List.copyOf(shots);
    if (shots.isEmpty()) {
      throw new IllegalArgumentException("no shots for " + videoId);
    }
  }

  /** The cut list of a detection, at the rate the video's stream declares. */
  public static CutList of(SceneDetection detection) {
    List<Shot> shots = new ArrayList<>(detection.scenes().size());
    for (Scene s : detection.scenes()) {
      shots.add(new Shot(s.sceneId(), s.startFrame(), s.endFrame()));
    }
    var video = detection.video();
    return new CutList(
        video.videoId(),
        video.path(),
        FrameRate.of(video.frameRate(), video.fps()),
        detection.frameCount(),
        video.hasAudio(),
        detection.settings(),
        shots);
  }

  /** The source's file name, without folders ({@code film.mp4}). */
  public String fileName() {
    String p = videoPath.replace('\\', '/');
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** The file name without its extension ({@code film}). */
  public String title() {
    String name = fileName();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
