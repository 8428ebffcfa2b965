package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * The compact per-frame record the single decode pass emits instead of the frame itself: every
 * detector's metric for the frame. A metric a frame does not have (the first frame has no previous
 * frame to compare with; the adaptive ratio needs a full window) is NaN, PySceneDetect's "None".
 *
 * @param frame 0-based decoded-frame index within the whole video (after stitching)
 * @param time presentation time in seconds, stream start time subtracted
 * @param deltaHue mean absolute hue difference to the previous frame (PySceneDetect's delta_hue)
 * @param deltaSat mean absolute saturation difference
 * @param deltaLum mean absolute value (luma) difference
 * @param contentVal (deltaHue + deltaSat + deltaLum) / 3; 0 for the first frame
 * @param motion global motion to the previous frame ({@link MotionSample#NONE} for the first)
 * @param averageRgb ThresholdDetector's average_rgb: the mean of every channel of every pixel
 * @param hashDist HashDetector's hash_dist: Hamming distance of the perceptual hashes to the
 *     previous frame over the hash's bit count
 * @param histDiff HistogramDetector's hist_diff: correlation of the normalised luma histograms
 * @param adaptiveRatio AdaptiveDetector's adaptive_ratio: content value over its window's mean
 * @param quality sharpness, brightness, contrast and perceptual hash, for the keyframe choice
 */
public record FrameSignal(
    long frame,
    double time,
    double deltaHue,
    double deltaSat,
    double deltaLum,
    double contentVal,
    MotionSample motion,
    double averageRgb,
    double hashDist,
    double histDiff,
    double adaptiveRatio,
    FrameQuality quality)
    implements Serializable {

  /** A frame with content deltas and motion only (the other detectors' metrics unknown). */
  public FrameSignal(
      long frame,
      double time,
      double deltaHue,
      double deltaSat,
      double deltaLum,
      double contentVal,
      MotionSample motion) {
    this(frame, time, deltaHue, deltaSat, deltaLum, contentVal, motion,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, FrameQuality.UNKNOWN);
  }
}
