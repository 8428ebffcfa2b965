package dev.reelbeam.transforms.scenes;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * HistogramDetector's histogram, computed as PySceneDetect computes it: the Y channel of OpenCV's
 * BGR to YUV conversion, counted by OpenCV's {@code calcHist} into {@code bins} equal bins over
 * 0-256 (straight from the YUV picture's first channel: no channel copy), normalised to unit L2 norm
 * by OpenCV's {@code normalize}; two histograms compare by OpenCV's correlation. (The grey frame the
 * other metrics use is not that Y: OpenCV's BGR to grey differs from it by one level on some
 * colours, {@code LumaHistogramTest}.) Not thread-safe; close to free native memory.
 */
final class LumaHistogram implements AutoCloseable {
  private final Mat yuv = new Mat();
  private final Mat noMask = new Mat();
  private final IntPointer channel = new IntPointer(new int[] {0});
  private final IntPointer size;
  private final FloatPointer range = new FloatPointer(new float[] {0f, 256f});

  LumaHistogram(int bins) {
    this.size = new IntPointer(new int[] {bins});
  }

  /** A new histogram Mat to pass to {@link #histogram}. */
  Mat newHistogram() {
    return new Mat();
  }

  /**
   * Writes the normalised histogram of a small BGR frame into {@code hist}, a Mat from {@link
   * #newHistogram} (reused from frame to frame: a new Mat a frame cost its allocation and its
   * release), and returns it.
   */
  Mat histogram(Mat smallBgr, Mat hist) {
    opencv_imgproc.cvtColor(smallBgr, yuv, opencv_imgproc.COLOR_BGR2YUV);
    opencv_imgproc.calcHist(yuv, 1, channel, noMask, hist, 1, size, range, true, false);
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
    noMask.close();
    channel.close();
    size.close();
    range.close();
  }
}
