package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * AdaptiveDetector on a whole video's content values: each frame's score over the mean of the
 * {@code windowWidth} scores either side (the first frame's score, 0, included, as PySceneDetect
 * buffers it), capped at 255; a cut at the window's middle frame where the ratio reaches the
 * adaptive threshold and the score the minimum content value, at least min_scene_len frames after
 * the last cut, measured from the newest frame of the window.
 */
final class AdaptiveCuts {
  private AdaptiveCuts() {}

  /** adaptive_ratio per frame; NaN where the window does not fit (the ends). */
  static double[] ratios(double[] scores, DetectorSettings s) {
    int w = s.windowWidth();
    double[] ratio = new double[scores.length];
    Arrays.fill(ratio, Double.NaN);
    for (int target = w; target + w < scores.length; target++) {
      ratio[target] = ratio(scores, target, s);
    }
    return ratio;
  }

  /** adaptive_ratio of {@code target}, whose window {@code target +- windowWidth} is in {@code scores}. */
  static double ratio(double[] scores, int target, DetectorSettings s) {
    int w = s.windowWidth();
    double sum = 0;
    for (int i = target - w; i <= target + w; i++) {
      if (i != target) {
        sum += scores[i];
      }
    }
    double average = sum / (2.0 * w);
    if (!(Math.abs(average) < 0.00001)) {
      return Math.min(scores[target] / average, 255.0);
    }
    return scores[target] >= s.minContentVal() ? 255.0 : 0.0;
  }

  static List<Long> cuts(
      StitchedSignals v, double[] scores, double[] ratios, DetectorSettings s) {
    TreeSet<Long> cuts = new TreeSet<>();
    int n = scores.length;
    if (n == 0) {
      return List.of();
    }
    MinSceneLength minLength = new MinSceneLength(s.minSceneLen(), v.video().fps(), v.clock());
    long lastCutPts = v.pts()[0];
    int w = s.windowWidth();
    for (int newest = 2 * w; newest < n; newest++) {
      int target = newest - w;
      boolean thresholdMet =
          ratios[target] >= s.adaptiveThreshold() && scores[target] >= s.minContentVal();
      if (thresholdMet && minLength.met(v.pts()[newest], lastCutPts)) {
        cuts.add((long) target);
        lastCutPts = v.pts()[target];
      }
    }
    return List.copyOf(cuts);
  }
}
