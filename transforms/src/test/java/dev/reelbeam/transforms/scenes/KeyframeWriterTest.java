package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.io.video.FrameFetcher;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyframeWriterTest {
  @TempDir Path out;

  private static String md5(Mat m) throws Exception {
    byte[] b = new byte[(int) (m.total() * m.channels())];
    m.data().get(b);
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  @Test
  void placementFollowsSaveImages() {
    double[] times = new double[100];
    for (int i = 0; i < times.length; i++) {
      times[i] = i / 10.0;
    }
    List<Scene> scenes = List.of(new Scene(1, 0, 30, 0.0, 3.0), new Scene(2, 30, 100, 3.0, 10.0));
    List<KeyframePlanner.Pick> p = KeyframePlanner.scenePicks(scenes, times, 10.0);
    assertEquals(List.of(1L, 15L, 29L, 31L, 65L, 99L), p.stream().map(KeyframePlanner.Pick::frame).toList());
    assertEquals(List.of(0L, 20L, 40L, 60L, 80L), KeyframePlanner.intervalPicks(times, 10.0, 2.0).stream()
        .map(KeyframePlanner.Pick::frame).toList());
    // off the frame grid: the nearest frame
    double[] vfr = {0.0, 0.1, 0.3, 0.6, 1.0};
    assertEquals(2, KeyframePlanner.frameAt(vfr, 0.2, 0, 4)); // tie: the later frame
    assertEquals(3, KeyframePlanner.frameAt(vfr, 0.75, 0, 4));
    assertEquals(4, KeyframePlanner.frameAt(vfr, 0.85, 0, 4));
    assertEquals(3, KeyframePlanner.frameAt(vfr, 0.85, 0, 3)); // kept inside the scene
  }

  @Test
  void rotatedSceneFramesAreUprightJpegsWithDeterministicNames() throws Exception {
    String clip = Media.clip("pyscenedetect/issue-134-rotate.mp4");
    SceneDetection d = Media.detect(clip, DetectorSettings.defaults(), 1e9, null);
    double[] times = d.signals().stream().mapToDouble(s -> s.time()).toArray();
    List<KeyframePlanner.Pick> picks = KeyframePlanner.scenePicks(d.scenes(), times, d.video().fps());
    List<Keyframe> written = KeyframeWriter.write(d.video(), picks, out, 1).frames();
    assertEquals(9, written.size());
    Keyframe first = written.get(0);
    assertEquals(1, first.sceneId());
    assertEquals(0, first.position());
    assertEquals(
        "frames/" + d.video().videoId() + "/scene0001_pos0_frame000001_t0.04s.jpg", first.path());
    for (Keyframe k : written) {
      Mat img = opencv_imgcodecs.imread(out.resolve(k.path()).toString());
      assertEquals(544, img.cols(), k.path());
      assertEquals(1280, img.rows(), k.path());
      img.close();
    }
    Keyframe lastOfFirstScene = written.get(2);
    assertEquals(89, lastOfFirstScene.frame()); // the frame before the cut at 90
    byte[] again = Files.readAllBytes(out.resolve(first.path()));
    KeyframeWriter.write(d.video(), picks, out, 1).frames();
    assertArrayEquals(again, Files.readAllBytes(out.resolve(first.path())), "same bytes on a rerun");
  }

  @Test
  void seekingFetchesExactlyTheFramesOfTheSequentialDecode() throws Exception {
    VideoInfo info = VideoProbe.probe(Media.clip("moviepy/big_buck_bunny_0_30.webm"));
    List<Double> times = new ArrayList<>();
    Map<Double, String> sequential = new HashMap<>();
    int[] wanted = {5, 150, 283, 284, 500, 551, 719};
    try (VideoDecoder dec = VideoDecoder.open(info.path(), info.rotation(), 1, 256)) {
      dec.decodeRange(0, Double.POSITIVE_INFINITY, true, info.keyframeTimes(), f -> {
        for (int w : wanted) {
          if (f.index() == w) {
            times.add(f.time());
            sequential.put(f.time(), md5(f.full()));
          }
        }
      });
    }
    assertEquals(wanted.length, times.size());
    List<String> fetched = new ArrayList<>();
    FrameFetcher.fetch(info, times, 1, (i, f) -> {
      assertEquals(times.get(i), f.time());
      fetched.add(md5(f.full()));
    });
    for (int i = 0; i < times.size(); i++) {
      assertEquals(sequential.get(times.get(i)), fetched.get(i), "frame " + wanted[i]);
    }
    assertTrue(info.keyframeTimes().size() > 3, "the fetch had to seek");
  }
}
