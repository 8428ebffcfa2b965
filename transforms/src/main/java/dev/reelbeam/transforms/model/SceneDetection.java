package dev.reelbeam.transforms.model;

import dev.reelbeam.io.video.VideoInfo;
import java.io.Serializable;
import java.util.List;

/**
 * Everything the one decode pass and cut detection found for one video: the output of
 * {@code FramesToScenes}. Holds compact per-frame signals (about 100 bytes a frame), never frames.
 *
 * @param video the probed video
 * @param frameCount frames actually decoded
 * @param durationSeconds time of the last frame plus one frame duration
 * @param settings the detector's parameters
 * @param cuts frame numbers where a new shot starts (0-based decoded index)
 * @param scenes the shots, numbered from 1; one scene covering everything when there is no cut
 * @param signals per-frame signals in frame order (stats CSV, camera motion)
 * @param transitions the typed transitions (cuts, fades, dissolves, flashes) in frame order
 */
public record SceneDetection(
    VideoInfo video,
    long frameCount,
    double durationSeconds,
    DetectorSettings settings,
    List<Long> cuts,
    List<Scene> scenes,
    List<FrameSignal> signals,
    List<Transition> transitions)
    implements Serializable {

  /** A detection without typed transitions. */
  public SceneDetection(
      VideoInfo video,
      long frameCount,
      double durationSeconds,
      DetectorSettings settings,
      List<Long> cuts,
      List<Scene> scenes,
      List<FrameSignal> signals) {
    this(video, frameCount, durationSeconds, settings, cuts, scenes, signals, List.of());
  }
}
