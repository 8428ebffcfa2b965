package dev.reelbeam.transforms.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.transforms.model.MotionSample;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The estimator on frames built in memory (no encoding): what it must not claim. */
class LucasKanadeMotionTest {

  /** A 256×144 frame: a smooth sky plus pixel noise of {@code noise} grey levels (uniform). */
  static Mat sky(Random rnd, int noise) {
    Mat m = new Mat(144, 256, CV_8UC3);
    try (UByteIndexer idx = m.createIndexer()) {
      for (int y = 0; y < 144; y++) {
        for (int x = 0; x < 256; x++) {
          int v = 170 + 40 * y / 144 + (noise > 0 ? rnd.nextInt(2 * noise + 1) - noise : 0);
          for (int ch = 0; ch < 3; ch++) {
            idx.put(y, x, ch, v);
          }
        }
      }
    }
    return m;
  }

  /**
   * A clear sky with noise claims no motion and has no corners: ±2 grey levels, and grain of ±6,
   * which stays under the corner floor only because the working copy is shrunk from the 256 px
   * frame with a Gaussian before the bilinear step (about 1.5e-4; bilinear alone lets 2.7e-4
   * through and the grain would be tracked).
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "noise of {1} grey levels")
  @org.junit.jupiter.params.provider.CsvSource({"7, 2", "11, 6"})
  void aNoisyClearSkyHasNoCornersAndClaimsNoMotion(long seed, int amplitude) {
    Random rnd = new Random(seed);
    try (LucasKanadeMotion est = new LucasKanadeMotion()) {
      for (int i = 0; i < 10; i++) {
        try (Mat frame = sky(rnd, amplitude)) {
          MotionSample s = est.next(frame);
          assertFalse(s.valid(), "frame " + i + ": " + s);
          assertEquals(0, s.tracked(), "frame " + i + ": corners on noise of " + amplitude + " grey levels");
          assertTrue(Double.isFinite(s.dx()) && Double.isFinite(s.dy()) && Double.isFinite(s.scale()));
        }
      }
    }
  }

  @Test
  void blackFramesClaimNoMotion() {
    try (LucasKanadeMotion est = new LucasKanadeMotion(); Mat black = new Mat(144, 256, CV_8UC3)) {
      black.put(new org.bytedeco.opencv.opencv_core.Scalar(0, 0, 0, 0));
      for (int i = 0; i < 5; i++) {
        MotionSample s = est.next(black);
        assertFalse(s.valid());
        assertEquals(0, s.tracked());
      }
    }
  }
}
