package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class RotationTest {
  @Test
  void fastQuarterTurnsMoveTheSamePixels() {
    try (Mat src = new Mat(54, 128, opencv_core.CV_8UC3);
        Mat lo = new Mat(1, 1, opencv_core.CV_64F, new Scalar(0));
        Mat hi = new Mat(1, 1, opencv_core.CV_64F, new Scalar(256));
        Mat plain = new Mat();
        Mat fast = new Mat();
        Mat bgra = new Mat();
        Mat turned = new Mat();
        Mat diff = new Mat()) {
      opencv_core.randu(src, lo, hi);
      for (int r : new int[] {0, 90, 180, 270}) {
        Mat a = Rotation.apply(src, r, plain);
        Mat b = Rotation.apply(src, r, fast, bgra, turned);
        assertEquals(a.cols(), b.cols());
        assertEquals(a.rows(), b.rows());
        assertEquals(r == 90 || r == 270 ? 54 : 128, b.cols());
        opencv_core.absdiff(a, b, diff);
        try (Scalar s = opencv_core.sumElems(diff)) {
          assertEquals(0.0, s.get(0) + s.get(1) + s.get(2), "rotation " + r);
        }
      }
    }
  }
}
