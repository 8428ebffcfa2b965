package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * Which of PySceneDetect's detectors finds the cuts, and every detector's parameters. Defaults are
 * PySceneDetect 0.7.1's ({@code scenedetect/detectors/*.py} as its goldens were made): ContentDetector
 * threshold 27, weights hue/sat/lum/edges 1/1/1/0; AdaptiveDetector adaptive threshold 3.0, window
 * width 2, minimum content value 15; HashDetector threshold 0.35, size 8, lowpass 2;
 * HistogramDetector threshold 0.20, 128 bins; ThresholdDetector threshold 12, fade bias 0, no final
 * scene; min scene length 15 frames for all; automatic downscale to about 256 px.
 *
 * <p>Every detector's per-frame metric is computed in the one decode pass whichever detector is
 * chosen, so the hash size and lowpass, the histogram bins and the adaptive window shape the stats
 * file too; the thresholds only decide the cuts.
 *
 * @param threshold ContentDetector: a frame whose content value is at or above this is a candidate
 * @param minSceneLen frames; every detector's minimum distance between cuts
 * @param weightHue weight of delta_hue (content and adaptive)
 * @param weightSat weight of delta_sat
 * @param weightLum weight of delta_lum
 * @param weightEdges weight of delta_edges (0: edges are not computed)
 * @param downscaleTarget target size of the longer side for the automatic downscale
 * @param detector the detector whose cuts are reported
 * @param adaptiveThreshold AdaptiveDetector: the ratio of a frame's score to its window's mean
 * @param windowWidth AdaptiveDetector: frames each side of the frame in the rolling window
 * @param minContentVal AdaptiveDetector: the content value a cut must also reach
 * @param hashThreshold HashDetector: normalised Hamming distance at or above which a frame cuts
 * @param hashSize HashDetector: side of the hash (size x size bits)
 * @param hashLowpass HashDetector: the image hashed is {@code size * lowpass} pixels square
 * @param histogramThreshold HistogramDetector: cut where the correlation is at most 1 - this
 * @param histogramBins HistogramDetector: bins of the luma histogram
 * @param fadeThreshold ThresholdDetector: mean intensity below which a frame is faded out
 * @param fadeBias ThresholdDetector: -1 cuts at the fade-out, 0 midway, +1 at the fade-in
 * @param addFinalScene ThresholdDetector: a video ending faded out gets a cut where the fade began
 * @param splitGradual fades and dissolves are scene boundaries too (the scene list is no longer
 *     PySceneDetect's): a scene ends where its transition starts, the next begins where it ends
 */
public record DetectorSettings(
    double threshold,
    int minSceneLen,
    double weightHue,
    double weightSat,
    double weightLum,
    double weightEdges,
    int downscaleTarget,
    Detector detector,
    double adaptiveThreshold,
    int windowWidth,
    double minContentVal,
    double hashThreshold,
    int hashSize,
    int hashLowpass,
    double histogramThreshold,
    int histogramBins,
    double fadeThreshold,
    double fadeBias,
    boolean addFinalScene,
    boolean splitGradual)
    implements Serializable {

  public DetectorSettings {
    if (detector == null) {
      throw new IllegalArgumentException("detector must not be null");
    }
    if (windowWidth < 1) {
      throw new IllegalArgumentException("windowWidth must be at least 1, not " + windowWidth);
    }
    if (hashSize < 1 || hashLowpass < 1 || (long) hashSize * hashLowpass > 4096) {
      throw new IllegalArgumentException(
          "hashSize and hashLowpass must be at least 1 (and their product at most 4096): "
              + hashSize + ", " + hashLowpass);
    }
    if (histogramBins < 1 || histogramBins > 256) {
      throw new IllegalArgumentException("histogramBins must be 1-256, not " + histogramBins);
    }
    if (!(fadeBias >= -1.0 && fadeBias <= 1.0)) {
      throw new IllegalArgumentException("fadeBias must be between -1 and 1, not " + fadeBias);
    }
  }

  /** The ContentDetector parameters with every other detector at its defaults. */
  public DetectorSettings(
      double threshold,
      int minSceneLen,
      double weightHue,
      double weightSat,
      double weightLum,
      double weightEdges,
      int downscaleTarget) {
    this(threshold, minSceneLen, weightHue, weightSat, weightLum, weightEdges, downscaleTarget,
        Detector.CONTENT, 3.0, 2, 15.0, 0.35, 8, 2, 0.20, 128, 12, 0.0, false, false);
  }

  public static DetectorSettings defaults() {
    return new DetectorSettings(27.0, 15, 1.0, 1.0, 1.0, 0.0, 256);
  }

  private Builder edit() {
    return new Builder(this);
  }

  public DetectorSettings withThreshold(double t) {
    return edit().set(b -> b.threshold = t);
  }

  public DetectorSettings withMinSceneLen(int n) {
    return edit().set(b -> b.minSceneLen = n);
  }

  public DetectorSettings withDetector(Detector d) {
    return edit().set(b -> b.detector = d);
  }

  /** AdaptiveDetector's parameters. */
  public DetectorSettings withAdaptive(double ratio, int window, double minContent) {
    return edit().set(b -> {
      b.adaptiveThreshold = ratio;
      b.windowWidth = window;
      b.minContentVal = minContent;
    });
  }

  /** HashDetector's parameters. */
  public DetectorSettings withHash(double t, int size, int lowpass) {
    return edit().set(b -> {
      b.hashThreshold = t;
      b.hashSize = size;
      b.hashLowpass = lowpass;
    });
  }

  /** HistogramDetector's parameters. */
  public DetectorSettings withHistogram(double t, int bins) {
    return edit().set(b -> {
      b.histogramThreshold = t;
      b.histogramBins = bins;
    });
  }

  /** ThresholdDetector's parameters. */
  public DetectorSettings withFade(double t, double bias, boolean finalScene) {
    return edit().set(b -> {
      b.fadeThreshold = t;
      b.fadeBias = bias;
      b.addFinalScene = finalScene;
    });
  }

  /** Whether fades and dissolves split scenes too. */
  public DetectorSettings withSplitGradual(boolean split) {
    return edit().set(b -> b.splitGradual = split);
  }

  /** PySceneDetect's stats column of AdaptiveDetector's ratio. */
  public String adaptiveRatioKey() {
    return "adaptive_ratio (w=" + windowWidth + ")";
  }

  /** PySceneDetect's stats column of HashDetector's distance. */
  public String hashKey() {
    return "hash_dist [size=" + hashSize + " lowpass=" + hashLowpass + "]";
  }

  /** PySceneDetect's stats column of HistogramDetector's correlation. */
  public String histogramKey() {
    return "hist_diff [bins=" + histogramBins + "]";
  }

  /** The mutable copy the {@code withX} methods edit: one place that lists every field. */
  private static final class Builder {
    double threshold;
    int minSceneLen;
    final double weightHue;
    final double weightSat;
    final double weightLum;
    final double weightEdges;
    final int downscaleTarget;
    Detector detector;
    double adaptiveThreshold;
    int windowWidth;
    double minContentVal;
    double hashThreshold;
    int hashSize;
    int hashLowpass;
    double histogramThreshold;
    int histogramBins;
    double fadeThreshold;
    double fadeBias;
    boolean addFinalScene;
    boolean splitGradual;

    Builder(DetectorSettings s) {
      threshold = s.threshold;
      minSceneLen = s.minSceneLen;
      weightHue = s.weightHue;
      weightSat = s.weightSat;
      weightLum = s.weightLum;
      weightEdges = s.weightEdges;
      downscaleTarget = s.downscaleTarget;
      detector = s.detector;
      adaptiveThreshold = s.adaptiveThreshold;
      windowWidth = s.windowWidth;
      minContentVal = s.minContentVal;
      hashThreshold = s.hashThreshold;
      hashSize = s.hashSize;
      hashLowpass = s.hashLowpass;
      histogramThreshold = s.histogramThreshold;
      histogramBins = s.histogramBins;
      fadeThreshold = s.fadeThreshold;
      fadeBias = s.fadeBias;
      addFinalScene = s.addFinalScene;
      splitGradual = s.splitGradual;
    }

    DetectorSettings set(java.util.function.Consumer<Builder> change) {
      change.accept(this);
      return new DetectorSettings(threshold, minSceneLen, weightHue, weightSat, weightLum,
          weightEdges, downscaleTarget, detector, adaptiveThreshold, windowWidth, minContentVal,
          hashThreshold, hashSize, hashLowpass, histogramThreshold, histogramBins, fadeThreshold,
          fadeBias, addFinalScene, splitGradual);
    }
  }
}
