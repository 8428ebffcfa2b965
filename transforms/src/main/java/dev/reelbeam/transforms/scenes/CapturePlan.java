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
 * @param budgetBytes native bytes of held frames a decoder is guaranteed (default 512 MB: about 165
 *     1080p frames, so the middle of scenes up to about 330 frames is held)
 * @param poolBytes what the decoders running at once in one JVM may hold together
 *     ({@link KeyframeBufferPool}): a decoder borrows beyond its {@code budgetBytes} what the others
 *     do not use; no more than {@code budgetBytes} (the default): no borrowing
 * @param keyframeMode how the scene picks are chosen (what to stage: {@link KeyframeChooser}'s
 *     choice or the exact positions)
 */
public record CapturePlan(
    String outputRoot, double intervalSeconds, long budgetBytes, KeyframeMode keyframeMode,
    long poolBytes)
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
    if (poolBytes < 0) {
      throw new IllegalArgumentException("pool must be >= 0 bytes: " + poolBytes);
    }
  }

  public static CapturePlan forScenes(String outputRoot) {
    return new CapturePlan(outputRoot, 0, DEFAULT_BUDGET_BYTES, KeyframeMode.BEST, DEFAULT_BUDGET_BYTES);
  }

  public static CapturePlan forInterval(String outputRoot, double seconds) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("interval must be a positive number of seconds: " + seconds);
    }
    return new CapturePlan(outputRoot, seconds, DEFAULT_BUDGET_BYTES, KeyframeMode.BEST, DEFAULT_BUDGET_BYTES);
  }

  /** A decoder's guaranteed buffer; the pool becomes that much too (no borrowing) unless set after. */
  public CapturePlan withBudgetBytes(long bytes) {
    return new CapturePlan(outputRoot, intervalSeconds, bytes, keyframeMode, bytes);
  }

  /** What the decoders of one JVM hold together at most (each keeps its {@code budgetBytes}). */
  public CapturePlan withPoolBytes(long bytes) {
    return new CapturePlan(outputRoot, intervalSeconds, budgetBytes, keyframeMode, bytes);
  }

  public CapturePlan withKeyframeMode(KeyframeMode mode) {
    return new CapturePlan(outputRoot, intervalSeconds, budgetBytes, mode, poolBytes);
  }

  /** Whether scene picks are moved to the best frame of their window. */
  boolean best() {
    return sceneMode() && keyframeMode == KeyframeMode.BEST;
  }

  boolean sceneMode() {
    return intervalSeconds == 0;
  }
}
