package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.KeyframeMode;
import java.io.Serializable;

/**
 * What the decode pass should keep for the frame images written later: the output root the images
 * go under, scene mode (3 per scene) or one every {@code intervalSeconds}, and how many bytes of
 * decoded frames one decoder may hold while it waits to learn where the cuts are.
 *
 * @param outputRoot the root {@code ExtractFrames} writes under
 * @param intervalSeconds 0 for scene mode, else the interval of {@code ExtractFrames.interval}
 * @param budgetBytes native bytes of held frames per decoder (default 512 MB: about 165 1080p
 *     frames, so the middle of scenes up to about 330 frames is held)
 * @param keyframeMode how the scene picks are chosen (what to stage: {@link KeyframeChooser}'s
 *     choice or the exact positions)
 */
public record CapturePlan(
    String outputRoot, double intervalSeconds, long budgetBytes, KeyframeMode keyframeMode)
    implements Serializable {
  public static final long DEFAULT_BUDGET_BYTES = 512L << 20;

  public CapturePlan {
    if (outputRoot == null || outputRoot.isBlank()) {
      throw new IllegalArgumentException("output root must be given");
    }
    if (!(intervalSeconds >= 0) || Double.isInfinite(intervalSeconds)) {
      throw new IllegalArgumentException("interval must be 0 (scenes) or positive: " + intervalSeconds);
    }
    if (keyframeMode == null) {
      throw new IllegalArgumentException("keyframe mode must be given");
    }
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budget must be >= 0 bytes: " + budgetBytes);
    }
  }

  public static CapturePlan forScenes(String outputRoot) {
    return new CapturePlan(outputRoot, 0, DEFAULT_BUDGET_BYTES, KeyframeMode.BEST);
  }

  public static CapturePlan forInterval(String outputRoot, double seconds) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("interval must be a positive number of seconds: " + seconds);
    }
    return new CapturePlan(outputRoot, seconds, DEFAULT_BUDGET_BYTES, KeyframeMode.BEST);
  }

  public CapturePlan withBudgetBytes(long bytes) {
    return new CapturePlan(outputRoot, intervalSeconds, bytes, keyframeMode);
  }

  public CapturePlan withKeyframeMode(KeyframeMode mode) {
    return new CapturePlan(outputRoot, intervalSeconds, budgetBytes, mode);
  }

  /** Whether scene picks are moved to the best frame of their window. */
  boolean best() {
    return sceneMode() && keyframeMode == KeyframeMode.BEST;
  }

  boolean sceneMode() {
    return intervalSeconds == 0;
  }
}
