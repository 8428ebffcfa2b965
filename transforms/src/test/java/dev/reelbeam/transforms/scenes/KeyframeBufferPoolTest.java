package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Decoders share the keyframe buffer: each keeps a floor, borrows what the others leave. */
class KeyframeBufferPoolTest {
  private static final long MB = 1L << 20;

  @Test
  void aDecoderBorrowsWhatTheOtherDoesNotUse() {
    KeyframeBufferPool pool = new KeyframeBufferPool(768 * MB);
    try (KeyframeBufferPool.Share a = pool.join(384 * MB);
        KeyframeBufferPool.Share b = pool.join(384 * MB)) {
      b.use(60 * MB); // short scenes: the frames around each cut
      assertEquals(708 * MB, a.allowance(), "the long take may hold all the other leaves");
      a.use(700 * MB);
      assertEquals(384 * MB, b.allowance(), "the floor stays the other's whatever the borrower holds");
      assertEquals(760 * MB, pool.usedBytes());
    }
    assertEquals(0, pool.usedBytes());
    assertEquals(0, pool.members());
  }

  @Test
  void theOtherGetsItsFloorBackAndTheBorrowerShrinks() {
    KeyframeBufferPool pool = new KeyframeBufferPool(768 * MB);
    KeyframeBufferPool.Share a = pool.join(384 * MB);
    KeyframeBufferPool.Share b = pool.join(384 * MB);
    b.use(60 * MB);
    a.use(700 * MB);
    b.use(300 * MB); // the other's own long take: within its floor, always granted
    assertEquals(468 * MB, a.allowance(), "the borrower must give back what the other now uses");
    b.use(384 * MB);
    assertEquals(384 * MB, a.allowance(), "never under its own floor");
    a.use(384 * MB); // it dropped its oldest frames and gave their pages back
    assertEquals(768 * MB, pool.usedBytes());
    a.close();
    assertEquals(768 * MB, b.allowance(), "alone, a decoder may use the whole pool");
    b.close();
  }

  @Test
  void aPoolNoLargerThanTheFloorLendsNothing() {
    KeyframeBufferPool pool = new KeyframeBufferPool(512 * MB);
    try (KeyframeBufferPool.Share a = pool.join(512 * MB);
        KeyframeBufferPool.Share b = pool.join(512 * MB)) {
      assertEquals(512 * MB, a.allowance());
      b.use(512 * MB);
      a.use(512 * MB);
      assertEquals(512 * MB, a.allowance(), "each keeps its own, as with no pool");
      assertEquals(512 * MB, b.allowance());
    }
  }

  @Test
  void aClosedShareIsGoneAndTwiceClosedIsHarmless() {
    KeyframeBufferPool pool = new KeyframeBufferPool(100 * MB);
    KeyframeBufferPool.Share a = pool.join(50 * MB);
    a.use(80 * MB);
    a.close();
    a.close();
    assertEquals(0, pool.usedBytes());
    assertThrows(IllegalStateException.class, () -> a.use(1));
    assertThrows(IllegalArgumentException.class, () -> pool.join(-1));
  }

  @Test
  void oneJvmPoolPerSize() {
    assertSame(KeyframeBufferPool.shared(3 * MB), KeyframeBufferPool.shared(3 * MB));
    assertEquals(5 * MB, KeyframeBufferPool.shared(5 * MB).totalBytes());
  }
}
