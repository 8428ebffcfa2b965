package dev.reelbeam.pipelines.report;

import java.util.List;

/** What the report shows, read from a finished output folder by {@link OutputsReader}. */
public final class ReportData {
  private ReportData() {}

  /**
   * The whole run.
   *
   * @param film the film or dataset name from {@code dataset_index.json} (null when absent)
   * @param stage the stage the index records (null when absent)
   * @param timestamp the index's timestamp, shown as the run's time (null when absent)
   * @param videos every video with a scene list, in video-id order
   * @param missing ids the index lists but that have no scene list (failed or not yet run)
   * @param errors every error record, in file-name order
   */
  record Run(
      String film,
      String stage,
      String timestamp,
      List<Video> videos,
      List<Missing> missing,
      List<ErrorEntry> errors) {}

  /** A video the index lists without a scene list. */
  record Missing(String videoId, String path) {}

  /**
   * One video.
   *
   * @param videoId id (names every file)
   * @param path the input path
   * @param fps frames per second
   * @param frameCount frames decoded
   * @param duration seconds
   * @param width displayed width (0 when unknown)
   * @param height displayed height (0 when unknown)
   * @param detector detector name
   * @param threshold cut threshold (NaN when unknown)
   * @param cuts frames where a new shot starts
   * @param scenes the shots
   * @param stats per-frame content scores (null without a stats CSV)
   * @param camera camera motion (null without a camera file)
   * @param audio relative path of the audio file (null without one)
   * @param exports relative paths of the editor exports that exist (EDL, OTIO)
   * @param transitions fades, dissolves and flashes ({@code type} as in the scenes JSON)
   */
  public record Video(
      String videoId,
      String path,
      double fps,
      long frameCount,
      double duration,
      int width,
      int height,
      String detector,
      double threshold,
      long[] cuts,
      List<SceneEntry> scenes,
      Series stats,
      Camera camera,
      String audio,
      List<String> exports,
      List<Segment> transitions) {

    /** A video without typed transitions (outputs written before they existed). */
    Video(String videoId, String path, double fps, long frameCount, double duration, int width,
        int height, String detector, double threshold, long[] cuts, List<SceneEntry> scenes,
        Series stats, Camera camera, String audio, List<String> exports) {
      this(videoId, path, fps, frameCount, duration, width, height, detector, threshold, cuts,
          scenes, stats, camera, audio, exports, List.of());
    }
  }

  /**
   * One shot with its keyframes and, when the analysis ran, its camera movement and composition.
   *
   * @param movement dominant camera movement (null when unknown)
   * @param composition overall composition score in [0, 1] (NaN when unknown)
   * @param subtitles the subtitle lines that start in the scene, in time order, each
   *     {@code [track] text} when the video has several text tracks (empty without subtitles)
   */
  public record SceneEntry(
      int sceneId,
      long startFrame,
      long endFrame,
      double startTime,
      double endTime,
      List<KeyframeEntry> keyframes,
      String movement,
      double composition,
      List<String> subtitles) {}

  /** One keyframe image; {@code path} relative to the output root with '/' separators. */
  public record KeyframeEntry(int position, long frame, double time, String path) {}

  /** Values over frames (frame numbers ascending). */
  record Series(long[] frames, float[] values) {}

  /**
   * The camera motion track and its typed segments.
   *
   * @param frames frame number of each sample (ascending)
   * @param dx horizontal motion per frame, fraction of frame width
   * @param dy vertical motion per frame, fraction of frame height
   * @param zoom scale change per frame (scale - 1)
   * @param segments movements, typed
   */
  record Camera(long[] frames, float[] dx, float[] dy, float[] zoom, List<Segment> segments) {}

  /** A stretch of steady camera movement, [startFrame, endFrame). */
  public record Segment(String type, long startFrame, long endFrame) {}

  /** One error record and its file, relative to the output root. */
  record ErrorEntry(String file, String input, String id, String stage, String exceptionClass, String message) {}
}
