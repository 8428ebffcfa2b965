package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.StreamClock;

/**
 * The minimum-length test of PySceneDetect's Adaptive, Hash, Histogram and Threshold detectors:
 * {@code (now - last_cut) >= min_scene_len} with an integer length compares the frame number of the
 * time difference, {@code round(seconds * fps)} (halves to even), with the length. (ContentDetector's
 * flash filter compares seconds instead: {@link FlashFilter}.)
 */
final class MinSceneLength {
  private final int frames;
  private final double fps;
  private final StreamClock clock;

  MinSceneLength(int frames, double fps, StreamClock clock) {
    this.frames = frames;
    this.fps = fps;
    this.clock = clock;
  }

  boolean met(long pts, long lastCutPts) {
    return Math.rint(clock.secondsBetween(pts, lastCutPts) * fps) >= frames;
  }
}
