package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import java.util.Arrays;

/**
 * The chosen detector run frame by frame inside one segment, so that {@link KeyframeCapture} holds
 * the frames around the cuts the stitched detection will find: ContentDetector's flash filter,
 * AdaptiveDetector's ratio (decided {@code windowWidth} frames late), HashDetector's and
 * HistogramDetector's thresholds with their minimum scene length, and ThresholdDetector's fades (a
 * cut placed back between the fade-out and the fade-in once the fade-in comes; {@link #holdFrom}
 * tells the capture to keep the faded frames until then). Each starts as if the segment's first
 * frame were a cut, as the stitched run does at frame 0.
 */
final class CutPredictor {
  private final DetectorSettings settings;
  private final boolean adaptive;
  private final boolean hash;
  private final boolean histogram;
  private final boolean fades;
  private final double fps;
  private final FlashFilter filter;
  private final MinSceneLength minLength;
  private long[] pts = new long[256];
  private double[] scores = new double[256];
  private double[] times = new double[256];
  private boolean started;
  private long lastCutPts;
  /** ThresholdDetector: whether the picture is faded out now, and the frame where that began. */
  private boolean fadedOut;
  private int fadeFrame;

  CutPredictor(DetectorSettings settings, double fps, StreamClock clock) {
    this.settings = settings;
    this.adaptive = settings.detector() == Detector.ADAPTIVE;
    this.hash = settings.detector() == Detector.HASH;
    this.histogram = settings.detector() == Detector.HISTOGRAM;
    this.fades = settings.detector() == Detector.THRESHOLD;
    this.fps = fps;
    this.filter = new FlashFilter(settings.minSceneLen() / fps, clock);
    this.minLength = new MinSceneLength(settings.minSceneLen(), fps, clock);
  }

  /**
   * The earliest frame a cut emitted from now on may fall before the newest one by more than the
   * flash filter's delay: the frame before a fade-out still under way; or {@link Integer#MAX_VALUE}.
   */
  int holdFrom() {
    return fades && fadedOut ? Math.max(0, fadeFrame - 1) : Integer.MAX_VALUE;
  }

  /** What one frame tells: whether it passes the detector's threshold, and the cut emitted now. */
  record Step(boolean above, int aboveFrame, long cut) {}

  private static final Step NOTHING = new Step(false, -1, -1);

  /**
   * Feeds frame {@code j} (in order from 0) with its metrics; {@code hashDist} and {@code histDiff}
   * are NaN for the segment's first frame. Returns the frame that passed the threshold now (for
   * adaptive: {@code windowWidth} frames back), and a cut emitted now, or -1.
   */
  Step next(
      int j, long framePts, double time, double contentVal, double hashDist, double histDiff,
      double averageRgb) {
    if (j == pts.length) {
      pts = Arrays.copyOf(pts, j * 2);
      scores = Arrays.copyOf(scores, j * 2);
      times = Arrays.copyOf(times, j * 2);
    }
    pts[j] = framePts;
    times[j] = time;
    scores[j] = j == 0 ? 0 : contentVal;
    if (!started) {
      started = true;
      lastCutPts = framePts;
    }
    if (adaptive) {
      return adaptiveStep(j);
    }
    if (fades) {
      return fadeStep(j, averageRgb);
    }
    if (hash || histogram) {
      boolean above = j > 0 && (hash
          ? hashDist >= settings.hashThreshold()
          : histDiff <= Math.max(0.0, Math.min(1.0, 1.0 - settings.histogramThreshold())));
      long cut = -1;
      if (above && minLength.met(framePts, lastCutPts)) {
        cut = j;
        lastCutPts = framePts;
      }
      return above ? new Step(true, j, cut) : NOTHING;
    }
    boolean above = j > 0 && contentVal >= settings.threshold();
    long cut = filter.filter(j, framePts, above);
    return new Step(above, above ? j : -1, cut > 0 ? cut : -1);
  }

  /** FadeCuts' rule on the frames seen so far: a fade-in places its cut back inside the fade. */
  private Step fadeStep(int j, double averageRgb) {
    int threshold = (int) settings.fadeThreshold();
    boolean dark = averageRgb < threshold; // NaN (no metric) is never dark
    if (j == 0) {
      fadedOut = dark;
      fadeFrame = 0;
      return NOTHING;
    }
    if (!fadedOut && dark) {
      fadedOut = true;
      fadeFrame = j;
    } else if (fadedOut && !dark && !Double.isNaN(averageRgb)) {
      long cut = -1;
      if (minLength.met(pts[j], lastCutPts)) {
        long out = nominal(fadeFrame);
        long split = out + (long) Math.rint((nominal(j) - out) * (1.0 + settings.fadeBias()) / 2.0);
        int c = fadeFrame;
        while (c < j && nominal(c) < split) {
          c++;
        }
        cut = c;
        lastCutPts = pts[j];
      }
      fadedOut = false;
      fadeFrame = j;
      return cut > 0 ? new Step(true, (int) cut, cut) : NOTHING;
    }
    return NOTHING;
  }

  /** PySceneDetect's frame number of local frame {@code i}, as {@code FadeCuts} places cuts. */
  private long nominal(int i) {
    return (long) Math.rint(times[i] * fps);
  }

  /** AdaptiveCuts' rule on the frames seen so far: the window's middle frame is decided now. */
  private Step adaptiveStep(int newest) {
    int w = settings.windowWidth();
    int target = newest - w;
    if (target - w < 0) {
      return NOTHING;
    }
    double ratio = AdaptiveCuts.ratio(scores, target, settings);
    boolean above = ratio >= settings.adaptiveThreshold() && scores[target] >= settings.minContentVal();
    if (!above) {
      return NOTHING;
    }
    long cut = -1;
    if (minLength.met(pts[newest], lastCutPts)) {
      cut = target;
      lastCutPts = pts[target];
    }
    return new Step(true, target, cut);
  }
}
