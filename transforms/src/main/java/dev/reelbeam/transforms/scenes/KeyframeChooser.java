package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * {@code --keyframes=best}: each of a scene's begin, middle and end picks becomes the best frame of
 * a window around its exact position: the first, middle and last fifth of the scene (its first and
 * last frame left out, as {@code save-images} leaves them out), without the frames of a transition.
 * Best: not poor (flat or near-black, see {@link #poor}) and, among those, the sharpest (variance of
 * the Laplacian of the small frame); a tie goes to the frame nearest the exact position, then to the
 * earlier one.
 *
 * <p>When every candidate of the window is poor, the good frame of the scene nearest the window is
 * taken (a scene that fades in through its whole first fifth still gets a picture); when the whole
 * scene is poor, the sharpest of the window (a scene that is black throughout is shown as it is).
 * A window with no frame outside a transition keeps the exact position.
 *
 * <p>Pure function of the per-frame measures, so a segmented run chooses as a sequential one.
 */
final class KeyframeChooser {
  /** A frame darker than this mean grey level is near-black. */
  static final double NEAR_BLACK = TransitionClassifier.DARK;

  private final double[] sharpness;
  private final double[] brightness;
  private final double[] contrast;
  private final BitSet excluded;

  /**
   * @param sharpness per frame, indexed like the frames chosen among
   * @param brightness mean grey level per frame
   * @param contrast grey-level standard deviation per frame
   * @param excluded frames inside a transition (never chosen while another frame remains)
   */
  KeyframeChooser(double[] sharpness, double[] brightness, double[] contrast, BitSet excluded) {
    this.sharpness = sharpness;
    this.brightness = brightness;
    this.contrast = contrast;
    this.excluded = excluded;
  }

  /** The chooser for a whole video's detection: its frames' measures, its transitions left out. */
  static KeyframeChooser of(SceneDetection d) {
    int n = d.signals().size();
    double[] sharp = new double[n];
    double[] bright = new double[n];
    double[] contrast = new double[n];
    for (int i = 0; i < n; i++) {
      FrameQuality q = d.signals().get(i).quality();
      sharp[i] = q.sharpness();
      bright[i] = q.brightness();
      contrast[i] = q.contrast();
    }
    BitSet excluded = new BitSet(n);
    for (Transition t : d.transitions()) {
      if (t.type() != Transition.Type.CUT && t.endFrame() > t.startFrame()) {
        excluded.set((int) Math.max(0, t.startFrame()), (int) Math.min(n, t.endFrame()));
      }
    }
    return new KeyframeChooser(sharp, bright, contrast, excluded);
  }

  /**
   * The window of {@code position} (0 begin, 1 middle, 2 end) in the scene {@code [start, end)}:
   * {@code {from, to}}, {@code to} exclusive; empty for a scene too short to have one.
   */
  static long[] window(int position, long start, long end) {
    long first = end - start > 2 ? start + 1 : start; // the scene's first and last frames left out
    long last = end - start > 2 ? end - 1 : end;
    long length = last - first;
    long fifth = length / 5;
    return switch (position) {
      case 0 -> new long[] {first, first + fifth};
      case 1 -> new long[] {first + 2 * fifth, last - 2 * fifth}; // the remainder goes to the middle
      default -> new long[] {last - fifth, last};
    };
  }

  /**
   * The chosen frame for the pick at {@code exact} (its {@code save-images} frame) of position
   * {@code position} in the scene {@code [start, end)}.
   */
  long choose(int position, long start, long end, long exact) {
    return choose(position, start, end, exact, ANY);
  }

  /**
   * {@link #choose} among the frames {@code available} says can be had without seeking (those the
   * decode pass staged): the chosen frame if it is one; else the best available frame by the same
   * rule (in the window or, failing that, no farther from it than the chosen frame; outside
   * transitions; not poor unless the choice is poor too); else the exact frame if available and as good; else the chosen frame all
   * the same (sought). So best mode seeks only where the pass staged nothing fit for the window.
   */
  long choose(int position, long start, long end, long exact, IntPredicate available) {
    long chosen = choose(position, start, end, exact, ANY, true);
    if (available == ANY || available.test((int) chosen)) {
      return chosen;
    }
    long other = choose(position, start, end, exact, available, false);
    long[] w = window(position, start, end);
    if (acceptable(other, chosen) && distance(other, w) <= distance(chosen, w)) {
      return other;
    }
    if (exact >= start && exact < end && available.test((int) exact) && acceptable(exact, chosen)) {
      return exact; // save-images' own frame, which the pass staged
    }
    return chosen;
  }

  /** Frames from {@code frame} to the window {@code w} (0 inside it). */
  private static long distance(long frame, long[] w) {
    return frame < w[0] ? w[0] - frame : Math.max(0, frame - (w[1] - 1));
  }

  /** Whether {@code other} may stand in for {@code chosen}: outside transitions, and no poorer. */
  private boolean acceptable(long other, long chosen) {
    return other >= 0 && !excluded.get((int) other) && (!poor((int) other) || poor((int) chosen));
  }

  private static final IntPredicate ANY = i -> true;

  /**
   * The rule itself among the frames {@code allowed} takes; {@code orExact}: a window with no
   * frame left gives {@code exact}, else -1.
   */
  private long choose(
      int position, long start, long end, long exact, IntPredicate allowed, boolean orExact) {
    long[] w = window(position, start, end);
    if (w[1] <= w[0]) {
      return orExact ? exact : -1;
    }
    long best = best(w[0], w[1], exact, true, allowed);
    if (best >= 0) {
      return best;
    }
    long nearest = nearestGood(start, end, w[0], w[1], allowed);
    if (nearest >= 0) {
      return nearest;
    }
    best = best(w[0], w[1], exact, false, allowed);
    return best >= 0 || !orExact ? best : exact;
  }

  /** The sharpest allowed frame of {@code [from, to)} outside transitions (and not poor if asked), or -1. */
  private long best(long from, long to, long exact, boolean goodOnly, IntPredicate allowed) {
    long best = -1;
    for (long i = from; i < to; i++) {
      int k = (int) i;
      if (excluded.get(k) || (goodOnly && poor(k)) || !allowed.test(k)) {
        continue;
      }
      if (best < 0 || better(k, (int) best, exact)) {
        best = i;
      }
    }
    return best;
  }

  private boolean better(int a, int b, long exact) {
    double sa = sharpness[a];
    double sb = sharpness[b];
    if (sa != sb) {
      return sa > sb || Double.isNaN(sb);
    }
    return Math.abs(a - exact) < Math.abs(b - exact);
  }

  /** The allowed good frame of the scene nearest the window {@code [from, to)} (the earlier on a tie), or -1. */
  private long nearestGood(long start, long end, long from, long to, IntPredicate allowed) {
    for (long d = 1; from - d >= start || to - 1 + d < end; d++) {
      long before = from - d;
      if (before >= start && usable((int) before, allowed)) {
        return before;
      }
      long after = to - 1 + d;
      if (after < end && usable((int) after, allowed)) {
        return after;
      }
    }
    return -1;
  }

  private boolean usable(int i, IntPredicate allowed) {
    return !excluded.get(i) && !poor(i) && allowed.test(i);
  }

  /**
   * A frame not worth keeping while a better one exists: flat (one colour: its grey levels spread
   * less than the transition classifier's flat limit, or a little more when nearly black or white,
   * as a caption on black) or near-black (mean grey level under 16). Unknown measures count as poor.
   */
  boolean poor(int i) {
    double std = contrast[i];
    double mean = brightness[i];
    if (Double.isNaN(std) || Double.isNaN(mean)) {
      return true;
    }
    double flat = TransitionClassifier.FLAT_STD;
    double dark = TransitionClassifier.DARK;
    return mean < NEAR_BLACK
        || std < flat
        || (std < 2 * flat && (mean < dark || mean > 255 - dark));
  }
}
