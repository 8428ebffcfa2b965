package dev.reelbeam.transforms.exports;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.util.ArrayList;
import java.util.List;

/** Builds scene detections by hand for the export tests: constant rate, times from frame numbers. */
final class Detections {
  private Detections() {}

  static SceneDetection of(
      String path, String videoId, long num, long den, boolean audio, long frameCount, long... cuts) {
    double fps = (double) num / den;
    VideoInfo video =
        new VideoInfo(
            path, videoId, 1280, 720, 1280, 720, 0, fps, num + "/" + den, frameCount / fps,
            frameCount, 0.0, "h264", List.of(0.0), audio, audio ? 2 : 0, audio ? 48000 : 0, "fp");
    List<Long> cutList = new ArrayList<>();
    List<Scene> scenes = new ArrayList<>();
    long start = 0;
    int id = 1;
    for (long cut : cuts) {
      cutList.add(cut);
      scenes.add(new Scene(id++, start, cut, start / fps, cut / fps));
      start = cut;
    }
    scenes.add(new Scene(id, start, frameCount, start / fps, frameCount / fps));
    return new SceneDetection(
        video, frameCount, frameCount / fps, DetectorSettings.defaults(), cutList, scenes, List.of());
  }
}
