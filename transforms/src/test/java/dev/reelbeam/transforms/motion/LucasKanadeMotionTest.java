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

  /**
   * Given the pass's own grey copy of each frame, the estimator gives the same samples, to the bit,
   * as converting the frame itself: a textured picture panned, with pixel noise, over 40 frames
   * (corners detected, tracked and re-detected).
   */
  @Test
  void theGivenGreyCopyGivesTheSameSamples() {
    Random rnd = new Random(3);
    try (Mat scene = new Mat(300, 400, CV_8UC3);
        LucasKanadeMotion converting = new LucasKanadeMotion();
        LucasKanadeMotion given = new LucasKanadeMotion();
        Mat grey = new Mat()) {
      try (UByteIndexer idx = scene.createIndexer()) {
        for (int y = 0; y < 300; y++) {
          for (int x = 0; x < 400; x++) {
            int v = ((x / 12 + y / 9) % 2 == 0 ? 60 : 190) + rnd.nextInt(40);
            for (int ch = 0; ch < 3; ch++) {
              idx.put(y, x, ch, Math.min(255, v + 10 * ch));
            }
          }
        }
      }
      int valid = 0;
      for (int i = 0; i < 40; i++) {
        int x = (int) Math.round(1.7 * i);
        int y = (int) Math.round(40 + 12 * Math.sin(i / 6.0));
        try (Mat view = new Mat(scene, new org.bytedeco.opencv.opencv_core.Rect(x, y, 256, 144));
            Mat frame = view.clone()) {
          org.bytedeco.opencv.global.opencv_imgproc.cvtColor(
              frame, grey, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
          MotionSample a = converting.next(frame);
          MotionSample b = given.next(frame, grey);
          assertEquals(a, b, "frame " + i);
          valid += a.valid() ? 1 : 0;
        }
      }
      assertTrue(valid >= 30, "valid samples: " + valid);
    }
  }
}
