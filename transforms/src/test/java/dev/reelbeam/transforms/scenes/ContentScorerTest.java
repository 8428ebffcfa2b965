package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class ContentScorerTest {
  private static Mat solid(double b, double g, double r) {
    return new Mat(90, 160, opencv_core.CV_8UC3, new Scalar(b, g, r, 0));
  }

  @Test
  void hsvDeltasAndContentValue() {
    try (ContentScorer s = new ContentScorer(false);
        Mat black = solid(0, 0, 0);
        Mat white = solid(255, 255, 255);
        Mat red = solid(0, 0, 255);
        Mat blue = solid(255, 0, 0)) {
      assertEquals(ContentScorer.Deltas.ZERO, s.score(black)); // the first frame scores 0
      ContentScorer.Deltas d = s.score(white);
      assertEquals(new ContentScorer.Deltas(0, 0, 255, 0), d);
      assertEquals(85.0, d.contentVal(1, 1, 1, 0));
      d = s.score(red); // white (0,0,255) -> red (0,255,255)
      assertEquals(new ContentScorer.Deltas(0, 255, 0, 0), d);
      d = s.score(blue); // red hue 0 -> blue hue 120 (OpenCV 8-bit: 0-179)
      assertEquals(120.0, d.hue());
      assertEquals(40.0, d.contentVal(1, 1, 1, 0));
      assertEquals(120.0, d.contentVal(1, 0, 0, 0)); // weights normalised by their sum
      s.reset();
      assertEquals(ContentScorer.Deltas.ZERO, s.score(red));
    }
  }

  @Test
  void edgesWhenAsked() {
    try (ContentScorer s = new ContentScorer(true);
        Mat plain = solid(60, 60, 60);
        Mat shape = solid(60, 60, 60)) {
      opencv_imgproc.rectangle(shape, new Point(40, 20), new Point(120, 70), new Scalar(250, 250, 250, 0), -1, 8, 0);
      s.score(plain);
      ContentScorer.Deltas d = s.score(shape);
      assertTrue(d.edges() > 0, "edges appear: " + d);
      assertTrue(d.edges() <= 255);
    }
  }
}
