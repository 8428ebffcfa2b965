package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.io.video.StreamClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlashFilterTest {
  private static final StreamClock NTSC = new StreamClock(1001, 30000, 0, 0);

  private static List<Long> run(double minSeconds, boolean... above) {
    FlashFilter f = new FlashFilter(minSeconds, NTSC);
    List<Long> cuts = new ArrayList<>();
    for (int i = 0; i < above.length; i++) {
      long c = f.filter(i, i, above[i]);
      if (c >= 0) {
        cuts.add(c);
      }
    }
    return cuts;
  }

  private static boolean[] aboveAt(int n, int... frames) {
    boolean[] a = new boolean[n];
    for (int f : frames) {
      a[f] = true;
    }
    return a;
  }

  @Test
  void exactlyFifteenFramesAt2997IsNotLongEnough() {
    double min = 15 / (30000.0 / 1001);
    assertEquals(List.of(), run(min, aboveAt(40, 15)));
    assertEquals(List.of(16L), run(min, aboveAt(40, 16)));
  }

  @Test
  void closeCutsMergeAndEmitTheLastOneAbove() {
    double min = 15 / (30000.0 / 1001);
    // a cut at 20, then a flash 25..27: merged and, being shorter than min, never emitted
    assertEquals(List.of(20L), run(min, aboveAt(80, 20, 25, 26, 27)));
    // a cut at 20, then frames 25..45 above: one merged cut at the last frame above, emitted
    // once more than 15 frames (0.5005 s) are quiet
    int[] busy = new int[22];
    busy[0] = 20;
    for (int i = 1; i < busy.length; i++) {
      busy[i] = 24 + i;
    }
    assertEquals(List.of(20L, 45L), run(min, aboveAt(80, busy)));
  }

  @Test
  void pendingMergeAtTheEndIsDropped() {
    double min = 15 / (30000.0 / 1001);
    assertEquals(List.of(20L), run(min, aboveAt(30, 20, 25)));
  }

  @Test
  void zeroLengthDisablesTheFilter() {
    assertEquals(List.of(1L, 2L), run(0, aboveAt(4, 1, 2)));
  }
}
