package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.StreamClock;

/**
 * PySceneDetect's flash filter in MERGE mode (ContentDetector's default), on timestamps: a cut
 * candidate closer than {@code minSeconds} to the last frame above the threshold starts a merge
 * instead of a cut; the merge ends, emitting its last frame above the threshold, once a frame below
 * the threshold is at least {@code minSeconds} after it. The first frame counts as the last cut.
 * Time differences are exact in time-base units, then divided once, as PySceneDetect's timecode
 * subtraction; a merge still pending at the end is dropped (ContentDetector has no post-processing).
 */
public final class FlashFilter {
  private final double minSeconds;
  private final StreamClock clock;
  private boolean started;
  private long lastAboveIndex;
  private long lastAbovePts;
  private boolean mergeEnabled;
  private boolean mergeTriggered;
  private long mergeStartPts;

  /** @param minSeconds {@code min_scene_len / fps}; 0 or less disables the filter */
  public FlashFilter(double minSeconds, StreamClock clock) {
    this.minSeconds = minSeconds;
    this.clock = clock;
  }

  /** Feeds one frame; returns the index of the frame where a cut is emitted, or -1. */
  public long filter(long index, long pts, boolean aboveThreshold) {
    if (!(minSeconds > 0.0)) {
      return aboveThreshold ? index : -1;
    }
    if (!started) {
      started = true;
      lastAboveIndex = index;
      lastAbovePts = pts;
    }
    boolean minLengthMet = clock.secondsBetween(pts, lastAbovePts) >= minSeconds;
    if (aboveThreshold) {
      lastAboveIndex = index;
      lastAbovePts = pts;
    }
    if (mergeTriggered) {
      if (minLengthMet
          && !aboveThreshold
          && clock.secondsBetween(lastAbovePts, mergeStartPts) >= minSeconds) {
        mergeTriggered = false;
        return lastAboveIndex;
      }
      return -1;
    }
    if (!aboveThreshold) {
      return -1;
    }
    if (minLengthMet) {
      mergeEnabled = true;
      return index;
    }
    if (mergeEnabled) {
      mergeTriggered = true;
      mergeStartPts = pts;
    }
    return -1;
  }
}
