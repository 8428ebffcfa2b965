package dev.reelbeam.transforms.scenes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames decoded so far in this JVM, for the progress line while a long element runs.
 *
 * <p>Why not only the {@code frames} counter: runners publish a DoFn's counters when its bundle
 * ends, and with one worker a whole film is one element in one bundle, so the counter reads 0 until
 * the film is done. This count moves with every frame. It is seen only where the job runs in the
 * launching JVM (the Direct runner, embedded Flink); it counts every job of the JVM together, so a
 * caller reads it as a difference from its job's start ({@link #now()}). The counter stays the
 * account of record.
 */
public final class LiveFrameCount {
  private static final AtomicLong DECODED = new AtomicLong();

  /** Frames are added in batches of this many, so the count costs nothing per frame. */
  static final int BATCH = 32;

  private LiveFrameCount() {}

  /** Frames decoded in this JVM since it started. */
  public static long now() {
    return DECODED.get();
  }

  static void add(long frames) {
    DECODED.addAndGet(frames);
  }
}
