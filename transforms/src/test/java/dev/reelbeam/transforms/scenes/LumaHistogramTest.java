package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * The per-frame metrics give PySceneDetect's values: the histogram (into a reused Mat) counts the
 * Y levels, and the average intensity as an L1 norm is the exact mean.
 */
class LumaHistogramTest {

  /** A 4096 x 4096 BGR picture holding each of the 2^24 colours once. */
  private static Mat everyColour() {
    int side = 4096;
    byte[] bytes = new byte[side * side * 3];
    for (int c = 0; c < side * side; c++) {
      bytes[3 * c] = (byte) c;
      bytes[3 * c + 1] = (byte) (c >>> 8);
      bytes[3 * c + 2] = (byte) (c >>> 16);
    }
    Mat m = new Mat(side, side, opencv_core.CV_8UC3);
    m.data().put(bytes);
    return m;
  }

  /** Why the histogram converts to YUV although the grey frame is at hand: the two differ. */
  @Test
  void greyIsNotTheYOfYuvForEveryColour() {
    try (Mat bgr = everyColour(); Mat grey = new Mat(); Mat yuv = new Mat(); Mat y = new Mat()) {
      opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
      opencv_imgproc.cvtColor(bgr, yuv, opencv_imgproc.COLOR_BGR2YUV);
      opencv_core.extractChannel(yuv, y, 0);
      assertEquals(1.0, opencv_core.norm(grey, y, opencv_core.NORM_INF, null));
    }
  }

  /** The histogram taken from the YUV picture's first channel is the counts of its Y levels. */
  @Test
  void histogramCountsTheYLevels() {
    Random r = new Random(7);
    for (int bins : new int[] {256, 16, 7}) {
      try (LumaHistogram h = new LumaHistogram(bins); Mat other = randomFrame(r); Mat bgr = randomFrame(r);
          Mat yuv = new Mat(); Mat y = new Mat(); Mat ours = h.newHistogram();
          Mat counted = new Mat(bins, 1, opencv_core.CV_32F)) {
        h.histogram(other, ours);
        h.histogram(bgr, ours); // the reused Mat holds this frame's counts only
        opencv_imgproc.cvtColor(bgr, yuv, opencv_imgproc.COLOR_BGR2YUV);
        opencv_core.extractChannel(yuv, y, 0);
        byte[] levels = new byte[(int) y.total()];
        y.data().get(levels);
        float[] counts = new float[bins];
        for (byte v : levels) {
          counts[((v & 0xff) * bins) >> 8]++;
        }
        new FloatPointer(counted.data()).put(counts);
        opencv_core.normalize(counted, counted);
        float[] a = new float[bins];
        float[] b = new float[bins];
        new FloatPointer(ours.data()).get(a);
        new FloatPointer(counted.data()).get(b);
        assertArrayEquals(b, a);
      }
    }
  }

  private static Mat randomFrame(Random r) {
    byte[] bytes = new byte[144 * 256 * 3];
    r.nextBytes(bytes);
    Mat m = new Mat(144, 256, opencv_core.CV_8UC3);
    m.data().put(bytes);
    return m;
  }

  @Test
  void averageRgbIsTheExactMean() {
    Random r = new Random(11);
    int[][] shapes = {{144, 256}, {256, 144}, {1, 1}, {97, 61}};
    for (int[] s : shapes) {
      byte[] bytes = new byte[s[0] * s[1] * 3];
      r.nextBytes(bytes);
      long sum = 0;
      for (byte b : bytes) {
        sum += b & 0xff;
      }
      try (Mat m = new Mat(s[0], s[1], opencv_core.CV_8UC3)) {
        m.data().put(bytes);
        assertEquals(sum / (double) bytes.length, DetectorMetrics.averageRgb(m));
        // a view that is not continuous: the middle of a wider picture
        try (Mat wide = new Mat(s[0], s[1] + 5, opencv_core.CV_8UC3, new Scalar(255));
            Mat view = new Mat(wide, new Rect(2, 0, s[1], s[0]))) {
          m.copyTo(view);
          assertEquals(sum / (double) bytes.length, DetectorMetrics.averageRgb(view));
        }
      }
    }
  }
}
