package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The choice among the frames the decode pass staged: the best frame when it was staged, else the
 * best staged stand-in no poorer, no farther from the window and outside transitions, else the
 * exact frame when staged and as good, else the best frame all the same (sought).
 */
class KeyframeChooserTest {
  /** One 52-frame scene: begin window 1-10, middle 21-30, end 41-50 (frames 0 and 51 left out). */
  private static final int N = 52;

  private final double[] sharpness = new double[N];
  private final double[] brightness = new double[N];
  private final double[] contrast = new double[N];
  private final BitSet transitions = new BitSet();

  KeyframeChooserTest() {
    Arrays.fill(sharpness, 100);
    Arrays.fill(brightness, 120);
    Arrays.fill(contrast, 50);
  }

  private long begin(Set<Integer> staged) {
    KeyframeChooser c = new KeyframeChooser(sharpness, brightness, contrast, transitions);
    assertEquals(1, KeyframeChooser.window(0, 0, N)[0]);
    assertEquals(11, KeyframeChooser.window(0, 0, N)[1]);
    return c.choose(0, 0, N, 1, staged::contains);
  }

  @Test
  void theBestFrameWhenStaged() {
    sharpness[7] = 300;
    sharpness[4] = 200;
    assertEquals(7, begin(Set.of(4, 7)));
  }

  @Test
  void elseTheBestStagedFrameOfTheWindow() {
    sharpness[7] = 300;
    sharpness[4] = 200;
    sharpness[9] = 150;
    assertEquals(4, begin(Set.of(1, 4, 9, 30)));
  }

  @Test
  void neverAPoorerOneOrATransitionFrame() {
    sharpness[7] = 300;
    brightness[4] = 5; // near-black
    sharpness[4] = 250;
    transitions.set(5);
    sharpness[5] = 250;
    assertEquals(7, begin(Set.of(4, 5)), "nothing fit was staged: the best frame is sought");
  }

  @Test
  void aStandInNoFartherFromTheWindow() {
    // the scene opens dark through its begin window: the choice is the nearest good frame, 11
    for (int i = 0; i <= 10; i++) {
      brightness[i] = 5;
    }
    assertEquals(11, begin(Set.of(11, 40)));
    // a staged good frame farther from the window than the chosen one does not stand in for it
    assertEquals(11, begin(Set.of(14)));
  }

  @Test
  void theExactFrameStandsInWhenAsGood() {
    sharpness[7] = 300;
    assertEquals(1, begin(Set.of(1)));
    brightness[1] = 5;
    assertEquals(7, begin(Set.of(1)), "a near-black exact frame does not stand in for a good one");
  }
}
