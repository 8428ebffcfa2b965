package dev.reelbeam.transforms.scenes;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * HistogramDetector's histogram, computed as PySceneDetect computes it: the Y channel of OpenCV's
 * BGR to YUV conversion, counted into {@code bins} equal bins over 0-256, normalised to unit L2 norm
 * by OpenCV's {@code normalize}; two histograms compare by OpenCV's correlation. (The grey frame the
 * other metrics use is not that Y: OpenCV's BGR to grey differs from it by one level on some
 * colours, {@code LumaHistogramTest}.) The counting is done here (for 8-bit input OpenCV's uniform
 * bins are exactly {@code v * bins / 256} rounded down); normalising and comparing stay OpenCV's so
 * the float arithmetic is the same. Not thread-safe; close to free native memory.
 */
final class LumaHistogram implements AutoCloseable {
  private final int bins;
  private final Mat yuv = new Mat();
  private final Mat luma = new Mat();
  private final int[] counts;
  private final float[] values;
  private byte[] pixels = new byte[0];

  LumaHistogram(int bins) {
    this.bins = bins;
    this.counts = new int[bins];
    this.values = new float[bins];
  }

  /** A new histogram Mat to pass to {@link #histogram}. */
  Mat newHistogram() {
    return new Mat(bins, 1, opencv_core.CV_32F);
  }

  /**
   * Writes the normalised histogram of a small BGR frame into {@code hist}, a Mat from {@link
   * #newHistogram} (reused from frame to frame: a new Mat a frame cost its allocation and its
   * release), and returns it.
   */
  Mat histogram(Mat smallBgr, Mat hist) {
    opencv_imgproc.cvtColor(smallBgr, yuv, opencv_imgproc.COLOR_BGR2YUV);
    opencv_core.extractChannel(yuv, luma, 0);
    java.util.Arrays.fill(counts, 0);
    int n = luma.rows() * luma.cols();
    if (pixels.length != n) {
      pixels = new byte[n];
    }
    luma.data().get(pixels); // extractChannel writes a continuous Mat
    for (int i = 0; i < n; i++) {
      counts[((pixels[i] & 0xff) * bins) >> 8]++;
    }
    for (int i = 0; i < bins; i++) {
      values[i] = counts[i];
    }
    new FloatPointer(hist.data()).put(values);
    opencv_core.normalize(hist, hist);
    return hist;
  }

  /** hist_diff: OpenCV's correlation of the previous histogram with this one. */
  static double correlation(Mat previous, Mat current) {
    return opencv_imgproc.compareHist(previous, current, opencv_imgproc.HISTCMP_CORREL);
  }

  @Override
  public void close() {
    yuv.close();
    luma.close();
  }
}
