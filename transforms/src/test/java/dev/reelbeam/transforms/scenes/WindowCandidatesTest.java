package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A long take decoded frame by frame as the capture does: the newest frames held whole, the older
 * ones only while {@link WindowCandidates} says a middle or end window can still choose them. Every
 * cut that can still come must find its chosen middle and end frames held (and the next best, should
 * the stitch leave the best out as a transition frame), while the frames held stay few.
 */
class WindowCandidatesTest {
  /** The newest frames held whole (the capture's ring at the default min_scene_len). */
  private static final int RING = 18;
  /** The take: as long as the bench film's 377-frame one. */
  private static final int N = 377;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"noise", "drift", "focus pull", "dark stretch", "flat"})
  void everyChoiceACutCanStillMakeStaysHeld(String shape) {
    double[] sharpness = sharpness(shape);
    double[] brightness = new double[N];
    double[] contrast = new double[N];
    Arrays.fill(brightness, 120);
    Arrays.fill(contrast, 50);
    if (shape.equals("dark stretch")) {
      Arrays.fill(brightness, 200, 290, 5); // near-black: the windows over it have no good frame
    }
    KeyframeChooser rule = new KeyframeChooser(sharpness, brightness, contrast, new BitSet());
    TreeSet<Integer> kept = new TreeSet<>();
    int most = 0;
    for (int j = 0; j < N; j++) {
      int earliestCut = j - RING;
      int heldFrom = Math.max(0, earliestCut);
      if (heldFrom - 1 > 0) {
        kept.add(heldFrom - 1); // the frame leaving the ring (frame 0, the scene's first, never chosen)
      }
      int[] pool = new int[kept.size() + j + 1 - heldFrom];
      int count = 0;
      for (int f : kept) {
        pool[count++] = f;
      }
      for (int f = heldFrom; f <= j; f++) {
        pool[count++] = f;
      }
      boolean[] keep = new boolean[count];
      WindowCandidates.stillChoosable(
          0, earliestCut, j, pool, count, sharpness, x -> !rule.poor(x), keep);
      for (int i = 0; i < kept.size(); i++) {
        if (!keep[i]) {
          kept.remove(pool[i]);
        }
      }
      most = Math.max(most, kept.size() + j + 1 - heldFrom);
      // a cut emitted now lies at or after earliestCut and at or before j
      for (int c = Math.max(3, earliestCut); c <= j; c++) {
        for (int position = 1; position <= 2; position++) {
          assertHeldDownTo(shape, rule, sharpness, brightness, contrast, kept, heldFrom, position, c);
        }
      }
    }
    // about 250 frames were held before (every frame from two fifths in); a steady focus pull or
    // a still (every frame tied) still needs about that many, a dark stretch's frames are all kept
    int bound = switch (shape) {
      case "focus pull", "flat" -> N;
      case "dark stretch" -> 120;
      default -> 64;
    };
    assertTrue(most <= bound, shape + ": " + most + " frames held at most, expected at most " + bound);
  }

  /**
   * The choice of the window for the cut {@code c}, and with it left out as a transition frame,
   * the next choice, down to {@link WindowCandidates#DEPTH} deep, are all held.
   */
  private static void assertHeldDownTo(
      String shape, KeyframeChooser rule, double[] sharpness, double[] brightness, double[] contrast,
      TreeSet<Integer> kept, int heldFrom, int position, int c) {
    BitSet excluded = new BitSet();
    List<Long> chain = new ArrayList<>();
    for (int depth = 0; depth < WindowCandidates.DEPTH; depth++) {
      KeyframeChooser choice = new KeyframeChooser(sharpness, brightness, contrast, excluded);
      long[] w = KeyframeChooser.window(position, 0, c);
      long chosen = choice.choose(position, 0, c, (w[0] + w[1]) / 2);
      if (chosen < w[0] || chosen >= w[1]) {
        return; // the window's fallbacks (nearest good frame): not what is checked here
      }
      chain.add(chosen);
      assertTrue(chosen >= heldFrom || kept.contains((int) chosen),
          shape + ": cut at " + c + ", " + (position == 1 ? "middle" : "end") + " choice " + chain
              + " released (held from " + heldFrom + ", kept " + kept + ")");
      excluded.set((int) chosen);
    }
  }

  private static double[] sharpness(String shape) {
    Random random = new Random(shape.hashCode());
    double[] s = new double[N];
    double level = 300;
    for (int i = 0; i < N; i++) {
      switch (shape) {
        case "drift" -> {
          level = Math.max(10, level + random.nextGaussian() * 8);
          s[i] = level + random.nextGaussian() * 2;
        }
        case "focus pull" -> s[i] = 50 + i; // sharper every frame: every frame is some window's best
        case "flat" -> s[i] = 200; // a still: every frame ties, and a tie goes by position
        default -> s[i] = 100 + 400 * random.nextDouble();
      }
    }
    return s;
  }
}
