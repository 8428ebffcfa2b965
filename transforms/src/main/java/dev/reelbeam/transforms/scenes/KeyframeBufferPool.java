package dev.reelbeam.transforms.scenes;

import java.util.HashMap;
import java.util.Map;

/**
 * The memory the decoders running at once in one JVM share for holding decoded frames
 * ({@link KeyframeCapture}). Each decoder that {@linkplain #join joins} is guaranteed its floor (what
 * a fixed split would have given it) and may borrow what the others do not use: its allowance is
 * {@code max(floor, total - the others' use)}. So a decoder in a long take can hold the take's middle
 * while the other cuts short scenes, and the other still gets its floor back the moment it needs it:
 * the borrower's allowance shrinks and it drops its oldest frames on its next frame (so the sum can
 * pass the total by the few frames one decoder decodes while the other decodes one).
 *
 * <p>What a decoder uses is what its decoder keeps in memory, not what it holds now: FFmpeg's frame
 * pool keeps every buffer it ever handed out, so a decoder counts the most it held until the frames
 * it drops have their pages given back ({@code HeldFrame#closeReturningPages}). Where that is not
 * possible, a decoder's use only grows, and the pool still bounds the memory, lending less.
 *
 * <p>Only which picks are staged depends on this; a staged image is the same bytes a seek gives.
 */
public final class KeyframeBufferPool {
  private static final Map<Long, KeyframeBufferPool> SHARED = new HashMap<>();

  private final long total;
  private long used;
  private int members;

  KeyframeBufferPool(long totalBytes) {
    if (totalBytes < 0) {
      throw new IllegalArgumentException("pool must be >= 0 bytes: " + totalBytes);
    }
    this.total = totalBytes;
  }

  /** This JVM's pool of {@code totalBytes} (one per size, so separate runs in one JVM each get their own figure). */
  public static synchronized KeyframeBufferPool shared(long totalBytes) {
    return SHARED.computeIfAbsent(totalBytes, KeyframeBufferPool::new);
  }

  /** A decoder's share, guaranteed at least {@code floorBytes}; close it when the decoder closes. */
  public synchronized Share join(long floorBytes) {
    if (floorBytes < 0) {
      throw new IllegalArgumentException("floor must be >= 0 bytes: " + floorBytes);
    }
    members++;
    return new Share(floorBytes);
  }

  public long totalBytes() {
    return total;
  }

  /** Bytes the members use now, all together. */
  public synchronized long usedBytes() {
    return used;
  }

  /** Decoders holding a share now. */
  public synchronized int members() {
    return members;
  }

  /** One decoder's part of the pool. Used by its decoder's thread only; the pool itself is shared. */
  public final class Share implements AutoCloseable {
    private final long floor;
    private long mine;
    private boolean closed;

    private Share(long floor) {
      this.floor = floor;
    }

    /** The guaranteed part. */
    public long floorBytes() {
      return floor;
    }

    /** What this decoder may use now: its floor, or what the others leave of the total if more. */
    public long allowance() {
      synchronized (KeyframeBufferPool.this) {
        return Math.max(floor, total - (used - mine));
      }
    }

    /** Records that this decoder now uses {@code bytes}. */
    public void use(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("use must be >= 0 bytes: " + bytes);
      }
      synchronized (KeyframeBufferPool.this) {
        if (closed) {
          throw new IllegalStateException("share already closed");
        }
        used += bytes - mine;
        mine = bytes;
      }
    }

    /** What this decoder uses, as last recorded. */
    public long usedBytes() {
      return mine;
    }

    @Override
    public void close() {
      synchronized (KeyframeBufferPool.this) {
        if (!closed) {
          closed = true;
          used -= mine;
          mine = 0;
          members--;
        }
      }
    }
  }
}
