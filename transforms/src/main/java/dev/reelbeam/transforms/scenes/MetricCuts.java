package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * HashDetector and HistogramDetector: a cut wherever a frame's difference to the previous frame
 * passes the threshold at least min_scene_len frames after the last cut (the first frame counting
 * as one). Hash: the normalised distance at or above {@code hashThreshold}; histogram: the
 * correlation at or below {@code 1 - histogramThreshold}, clamped to 0-1 as PySceneDetect does.
 */
final class MetricCuts {
  private MetricCuts() {}

  static List<Long> hash(StitchedSignals v, DetectorSettings s) {
    double t = s.hashThreshold();
    return cuts(v, s, d -> d >= t, v.hashDist());
  }

  static List<Long> histogram(StitchedSignals v, DetectorSettings s) {
    double t = Math.max(0.0, Math.min(1.0, 1.0 - s.histogramThreshold()));
    return cuts(v, s, d -> d <= t, v.histDiff());
  }

  private static List<Long> cuts(
      StitchedSignals v, DetectorSettings s, java.util.function.DoublePredicate passes, double[] metric) {
    List<Long> cuts = new ArrayList<>();
    int n = v.frameCount();
    if (n == 0) {
      return cuts;
    }
    MinSceneLength minLength = new MinSceneLength(s.minSceneLen(), v.video().fps(), v.clock());
    long lastCutPts = v.pts()[0];
    for (int i = 1; i < n; i++) {
      if (passes.test(metric[i]) && minLength.met(v.pts()[i], lastCutPts)) {
        cuts.add((long) i);
        lastCutPts = v.pts()[i];
      }
    }
    return cuts;
  }
}
