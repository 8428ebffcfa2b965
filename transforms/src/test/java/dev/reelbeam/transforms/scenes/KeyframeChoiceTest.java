package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --keyframes=best} on real frames: no fade frame on the demo clip, the sharp frame of a
 * blurred shot, and a repeated shot's keyframes flagged as duplicates of the first copy's.
 */
class KeyframeChoiceTest {
  private static final DetectorSettings SETTINGS = DetectorSettings.defaults();

  private static List<KeyframePlanner.Pick> best(SceneDetection d, boolean dedup) {
    double[] times = d.signals().stream().mapToDouble(s -> s.time()).toArray();
    return KeyframeDuplicates.mark(
        KeyframePlanner.withQuality(KeyframePlanner.bestScenePicks(d, times), d.signals()), dedup);
  }

  private static List<KeyframePlanner.Pick> exact(SceneDetection d) {
    double[] times = d.signals().stream().mapToDouble(s -> s.time()).toArray();
    return KeyframePlanner.withQuality(
        KeyframePlanner.scenePicks(d.scenes(), times, d.video().fps()), d.signals());
  }

  @Test
  void noKeyframeOfTheDemoClipIsAFadeFrame() throws Exception {
    SceneDetection d = Media.detect(Media.clip("moviepy/big_buck_bunny_0_30.webm"), SETTINGS, 1e9, null);
    KeyframeChooser chooser = KeyframeChooser.of(d);
    assertEquals(List.of(Transition.Type.FADE_IN, Transition.Type.CUT, Transition.Type.CUT,
            Transition.Type.CUT),
        d.transitions().stream().map(Transition::type).toList(),
        "the fade-in and three cuts; the crane move (3.5-6.2 s) is no dissolve");
    KeyframePlanner.Pick firstExact = exact(d).get(0);
    assertTrue(chooser.poor((int) firstExact.frame()),
        "the exact first pick is the fade-in's black frame " + firstExact.frame()
            + " (brightness " + firstExact.quality().brightness() + ")");
    List<KeyframePlanner.Pick> picks = best(d, false);
    assertEquals(3 * d.scenes().size(), picks.size());
    for (KeyframePlanner.Pick p : picks) {
      assertFalse(chooser.poor((int) p.frame()), p + " is flat or near-black");
      for (Transition t : d.transitions()) {
        boolean inside = p.frame() >= t.startFrame() && p.frame() < t.endFrame();
        assertFalse(inside && t.type() != Transition.Type.CUT, p + " lies in " + t);
      }
    }
  }

  @Test
  void theSharpFrameOfABlurredShotIsChosen() throws Exception {
    // windows of the one 100-frame scene: begin 1-19, middle 39-59, end 80-98
    Path clip = TransitionClips.blurredShot(TransitionClips.dir(), 12, 47, 91);
    SceneDetection d = Media.detect(clip.toString(), SETTINGS, 1e9, null);
    assertEquals(List.of(), d.cuts(), "blur on and off is no cut");
    List<KeyframePlanner.Pick> picks = best(d, false);
    assertEquals(List.of(12L, 47L, 91L), picks.stream().map(KeyframePlanner.Pick::frame).toList());
    double sharp = picks.get(1).quality().sharpness();
    double blurred = d.signals().get(46).quality().sharpness();
    assertTrue(sharp > 3 * blurred, "sharp " + sharp + " against blurred " + blurred);
    // the exact positions (frames 1, 50, 98) are blurred frames
    assertFalse(Set.of(12L, 47L, 91L).contains(exact(d).get(1).frame()));
  }

  @Test
  void theSecondCopyOfARepeatedShotDuplicatesTheFirst() throws Exception {
    Path clip = TransitionClips.repeatedShot(TransitionClips.dir(), 0, 2);
    SceneDetection d = Media.detect(clip.toString(), SETTINGS, 1e9, null);
    assertEquals(List.of(75L, 150L), d.cuts());
    List<KeyframePlanner.Pick> picks = best(d, true);
    for (KeyframePlanner.Pick p : picks) {
      switch (p.sceneId()) {
        case 1 -> assertTrue(p.duplicateOf() == null || p.duplicateOf().sceneId() == 1, p.toString());
        case 2 -> assertTrue(p.duplicateOf() == null || p.duplicateOf().sceneId() == 2, p.toString());
        default -> {
          assertNotNull(p.duplicateOf(), p + " repeats the first shot");
          assertEquals(1, p.duplicateOf().sceneId(), p.toString());
          assertFalse(p.write(), "--dedup leaves the duplicate unwritten");
        }
      }
    }
    assertNull(picks.get(0).duplicateOf());
    assertTrue(picks.get(0).write());
  }
}
