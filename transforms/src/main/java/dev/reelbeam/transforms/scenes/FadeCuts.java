package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import java.util.List;
import java.util.TreeSet;

/**
 * ThresholdDetector (FLOOR): a frame is faded out when its average intensity is below the
 * threshold (truncated to an integer, as PySceneDetect does). A fade-in at least min_scene_len
 * frames after the last one cuts between the fade-out and the fade-in, placed by the fade bias on
 * PySceneDetect's nominal frame numbers ({@code round(seconds * fps)}); the cut is the first decoded
 * frame at or after that number. With {@code addFinalScene}, a video ending faded out also cuts
 * where that fade began.
 */
final class FadeCuts {
  private FadeCuts() {}

  static List<Long> cuts(StitchedSignals v, DetectorSettings s) {
    int n = v.frameCount();
    TreeSet<Long> cuts = new TreeSet<>();
    if (n == 0) {
      return List.of();
    }
    double fps = v.video().fps();
    int threshold = (int) s.fadeThreshold();
    MinSceneLength minLength = new MinSceneLength(s.minSceneLen(), fps, v.clock());
    double[] avg = v.averageRgb();
    long lastCutPts = v.pts()[0];
    int fadeFrame = 0;
    boolean fadedOut = avg[0] < threshold;
    for (int i = 1; i < n; i++) {
      if (!fadedOut && avg[i] < threshold) {
        fadedOut = true;
        fadeFrame = i;
      } else if (fadedOut && avg[i] >= threshold) {
        if (minLength.met(v.pts()[i], lastCutPts)) {
          long out = nominal(v, fadeFrame, fps);
          long duration = nominal(v, i, fps) - out;
          long split = out + (long) Math.rint(duration * (1.0 + s.fadeBias()) / 2.0);
          cuts.add(firstAtOrAfter(v, split, fps));
          lastCutPts = v.pts()[i];
        }
        fadedOut = false;
        fadeFrame = i;
      }
    }
    if (fadedOut && s.addFinalScene() && minLength.met(v.pts()[n - 1], lastCutPts)) {
      cuts.add((long) fadeFrame);
    }
    return List.copyOf(cuts);
  }

  private static long nominal(StitchedSignals v, int i, double fps) {
    return (long) Math.rint(v.times()[i] * fps);
  }

  /** The first decoded frame whose nominal number is at least {@code frame}. */
  private static long firstAtOrAfter(StitchedSignals v, long frame, double fps) {
    int lo = 0;
    int hi = v.frameCount();
    while (lo < hi) { // nominal numbers never decrease along the decoded frames
      int mid = (lo + hi) >>> 1;
      if (nominal(v, mid, fps) >= frame) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
