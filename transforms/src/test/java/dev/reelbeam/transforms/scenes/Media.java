package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the shared test media and runs the decode + detection path without Beam. */
public final class Media {
  private Media() {}

  public static Path shared() {
    String prop = System.getProperty("reelbeam.shared");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    Path p = Path.of("..", "..", "shared");
    if (Files.isDirectory(p)) {
      return p;
    }
    return Path.of("..", "shared");
  }

  public static String clip(String relative) {
    return shared().resolve("media").resolve(relative).toAbsolutePath().normalize().toString();
  }

  /** Probe, plan segments, decode each (in order, one thread), stitch and detect. */
  public static SceneDetection detect(
      String path, DetectorSettings settings, double segmentSeconds, MotionEstimatorFactory motion)
      throws Exception {
    VideoInfo info = VideoProbe.probe(path);
    return SceneDetector.detect(decode(info, settings, segmentSeconds, motion), settings);
  }

  public static List<SegmentSignals> decode(
      VideoInfo info, DetectorSettings settings, double segmentSeconds, MotionEstimatorFactory motion)
      throws Exception {
    SegmentAnalyzer analyzer =
        new SegmentAnalyzer(1, settings.downscaleTarget(), settings.weightEdges() != 0, motion)
            .withMetricSettings(settings);
    List<SegmentSignals> parts = new ArrayList<>();
    for (VideoSegment s : SegmentPlanner.plan(info, segmentSeconds)) {
      parts.add(analyzer.analyze(s));
    }
    return parts;
  }
}
