package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * The per-frame metrics of HashDetector, HistogramDetector and ThresholdDetector, on the small
 * frame the content score uses (no second decode or scaling): average_rgb, and hash_dist and
 * hist_diff against the previous frame given to this object (NaN for the first). Not thread-safe;
 * close to free native memory.
 */
final class DetectorMetrics implements AutoCloseable {

  /** One frame's values; NaN where the frame has no previous frame. */
  record Values(double averageRgb, double hashDist, double histDiff) {}

  private final PerceptualHash hasher;
  private final LumaHistogram histogrammer;
  private long[] previousHash;
  private Mat previousHistogram;

  /** @param rotation the video's clockwise display rotation (a quarter turn changes the hash) */
  DetectorMetrics(DetectorSettings settings, int rotation) {
    this.hasher = new PerceptualHash(
        settings.hashSize(), settings.hashLowpass(), rotation == 90 || rotation == 270);
    this.histogrammer = new LumaHistogram(settings.histogramBins());
  }

  Values measure(Mat smallBgr) {
    long[] hash = hasher.hash(smallBgr);
    Mat histogram = histogrammer.histogram(smallBgr);
    double hashDist = Double.NaN;
    double histDiff = Double.NaN;
    if (previousHash != null) {
      hashDist = PerceptualHash.distance(previousHash, hash) / (double) hasher.bits();
      histDiff = LumaHistogram.correlation(previousHistogram, histogram);
      previousHistogram.close();
    }
    previousHash = hash;
    previousHistogram = histogram;
    return new Values(averageRgb(smallBgr), hashDist, histDiff);
  }

  /**
   * numpy.mean of the whole BGR array: the integer sum is exact in a double, divided once. Summed
   * as one channel (a view of the same bytes), which OpenCV does four times faster than three.
   */
  static double averageRgb(Mat smallBgr) {
    double count = (double) smallBgr.rows() * smallBgr.cols() * smallBgr.channels();
    Mat source = smallBgr.isContinuous() ? smallBgr : smallBgr.clone();
    try (Mat bytes = source.reshape(1, 1); Scalar s = opencv_core.sumElems(bytes)) {
      return s.get(0) / count;
    } finally {
      if (source != smallBgr) {
        source.close();
      }
    }
  }

  @Override
  public void close() {
    hasher.close();
    histogrammer.close();
    if (previousHistogram != null) {
      previousHistogram.close();
    }
  }
}
