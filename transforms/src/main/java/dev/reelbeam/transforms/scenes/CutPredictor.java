package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.transforms.model.DetectorSettings;
import java.util.Arrays;

/**
 * The chosen detector run frame by frame inside one segment, so that {@link KeyframeCapture} holds
 * the frames around the cuts the stitched detection will find: ContentDetector's flash filter,
 * AdaptiveDetector's ratio (decided {@code windowWidth} frames late), and HashDetector's and
 * HistogramDetector's thresholds with their minimum scene length. Each starts as if the segment's
 * first frame were a cut, as the stitched run does at frame 0. ThresholdDetector's fades are placed
 * on nominal frame numbers once a fade-in ends; it is predicted by ContentDetector's rule instead
 * (its cuts are fades, which the content score also sees; a miss costs a seek, never an image).
 */
final class CutPredictor {
  private final DetectorSettings settings;
  private final boolean adaptive;
  private final boolean hash;
  private final boolean histogram;
  private final FlashFilter filter;
  private final MinSceneLength minLength;
  private long[] pts = new long[256];
  private double[] scores = new double[256];
  private boolean started;
  private long lastCutPts;

  CutPredictor(DetectorSettings settings, double fps, StreamClock clock) {
    this.settings = settings;
    this.adaptive = settings.detector() == dev.reelbeam.transforms.model.Detector.ADAPTIVE;
    this.hash = settings.detector() == dev.reelbeam.transforms.model.Detector.HASH;
    this.histogram = settings.detector() == dev.reelbeam.transforms.model.Detector.HISTOGRAM;
    this.filter = new FlashFilter(settings.minSceneLen() / fps, clock);
    this.minLength = new MinSceneLength(settings.minSceneLen(), fps, clock);
  }

  /** What one frame tells: whether it passes the detector's threshold, and the cut emitted now. */
  record Step(boolean above, int aboveFrame, long cut) {}

  private static final Step NOTHING = new Step(false, -1, -1);

  /**
   * Feeds frame {@code j} (in order from 0) with its metrics; {@code hashDist} and {@code histDiff}
   * are NaN for the segment's first frame. Returns the frame that passed the threshold now (for
   * adaptive: {@code windowWidth} frames back), and a cut emitted now, or -1.
   */
  Step next(int j, long framePts, double contentVal, double hashDist, double histDiff) {
    if (j == pts.length) {
      pts = Arrays.copyOf(pts, j * 2);
      scores = Arrays.copyOf(scores, j * 2);
    }
    pts[j] = framePts;
    scores[j] = j == 0 ? 0 : contentVal;
    if (!started) {
      started = true;
      lastCutPts = framePts;
    }
    if (adaptive) {
      return adaptiveStep(j);
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
