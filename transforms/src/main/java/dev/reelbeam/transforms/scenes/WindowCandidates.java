package dev.reelbeam.transforms.scenes;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Best mode: which of the current scene's decoded frames its middle or end choice can still take.
 * Both choices are the sharpest good frame of their window ({@link KeyframeChooser}), and the
 * window is known only at the cut; but the cut can only come at or after a known frame, and the
 * windows of later cuts only move on (their bounds never go back by more than a frame or two). So
 * a frame is worth holding only while it is among the {@link #DEPTH} best of some window a cut
 * still possible can give: a sliding window's maximum, kept a few deep because the stitch leaves
 * out transition frames (fades, dissolves) the pass learns of only at the cut, which promotes the
 * next best. Where a window has fewer than {@code DEPTH} good frames (a dark stretch: the choice
 * may then fall back to a poor frame or the nearest good one) every frame of it is kept.
 *
 * <p>Why releasing is safe: a frame released now has {@code DEPTH} strictly sharper good frames in
 * every window that can still hold it; each of those is released in turn only for {@code DEPTH}
 * sharper ones in the same window, which beat the first frame too. So the {@code DEPTH} best of
 * every window still possible always stay held, whatever order frames are released in.
 */
final class WindowCandidates {
  /** Best frames held per window: the choice, and the next ones should the stitch leave some out. */
  static final int DEPTH = 3;

  private WindowCandidates() {}

  /**
   * Marks in {@code keep} the frames of {@code pool} that some middle or end window of a cut at or
   * after {@code earliestCut} can still choose, for the scene from frame {@code start}.
   *
   * @param pool the held frames of the scene, ascending, none after {@code newest}
   * @param count how many of {@code pool} to look at
   * @param newest the newest decoded frame (the windows are judged by what is decoded so far)
   * @param sharpness per frame
   * @param scored whether a frame counts against others: good (not poor), outside known
   *     transitions, sharpness known
   */
  static void stillChoosable(
      long start, long earliestCut, int newest, int[] pool, int count, double[] sharpness,
      IntPredicate scored, boolean[] keep) {
    Arrays.fill(keep, 0, count, false);
    if (count == 0) {
      return;
    }
    int lastPooled = pool[count - 1];
    double[] top = new double[DEPTH];
    for (long c = Math.max(earliestCut, start + 1); ; c++) {
      long[] middle = KeyframeChooser.window(1, start, c);
      long[] end = KeyframeChooser.window(2, start, c);
      if (middle[0] > lastPooled && end[0] > lastPooled) {
        return; // both windows have passed every frame held, and only move on
      }
      mark(middle, newest, pool, count, sharpness, scored, keep, top);
      mark(end, newest, pool, count, sharpness, scored, keep, top);
    }
  }

  /** Marks the frames of {@code pool} among the {@link #DEPTH} best of window {@code w}. */
  private static void mark(
      long[] w, int newest, int[] pool, int count, double[] sharpness, IntPredicate scored,
      boolean[] keep, double[] top) {
    long to = Math.min(w[1], (long) newest + 1);
    if (to <= w[0]) {
      return;
    }
    int from = lowerBound(pool, count, w[0]);
    int until = lowerBound(pool, count, to);
    if (from >= until) {
      return;
    }
    // the DEPTH largest sharpness values of the window's scored frames, descending
    int found = 0;
    for (int i = from; i < until; i++) {
      int f = pool[i];
      if (!scored.test(f)) {
        continue;
      }
      double s = sharpness[f];
      if (found < DEPTH || s > top[DEPTH - 1]) {
        int at = found < DEPTH ? found : DEPTH - 1; // the last place, the weakest dropped if full
        while (at > 0 && top[at - 1] < s) {
          top[at] = top[at - 1];
          at--;
        }
        top[at] = s;
        found = Math.min(found + 1, DEPTH);
      }
    }
    // Frames of the window not in the pool were released earlier, each beaten DEPTH times here.
    // Too few good frames: the choice may fall on any frame, or near the window; keep them all.
    boolean all = found < DEPTH;
    double bar = top[DEPTH - 1];
    for (int i = from; i < until; i++) {
      int f = pool[i];
      if (all || (scored.test(f) && sharpness[f] >= bar)) {
        keep[i] = true;
      }
    }
  }

  /** The first position of {@code pool} whose frame is at least {@code frame}. */
  private static int lowerBound(int[] pool, int count, long frame) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pool[mid] < frame) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
