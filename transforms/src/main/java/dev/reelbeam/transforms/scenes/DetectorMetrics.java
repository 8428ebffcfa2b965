package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The per-frame metrics of HashDetector, HistogramDetector and ThresholdDetector, on the small
 * frame the content score uses (no second decode or scaling): average_rgb, and hash_dist and
 * hist_diff against the previous frame given to this object (NaN for the first). Not thread-safe;
 * close to free native memory.
 */
final class DetectorMetrics implements AutoCloseable {

  /**
   * One frame's values; NaN where the frame has no previous frame. {@code lumaStd} and
   * {@code thumbnail} serve the transition classifier: how flat the frame is (standard deviation
   * of its grey levels) and an 8x8 area average of its grey levels, to compare any two frames.
   */
  record Values(double averageRgb, double hashDist, double histDiff, double lumaStd, byte[] thumbnail) {}

  /** Side of the grey thumbnail kept per frame for the transition classifier. */
  static final int THUMB = 8;

  private final PerceptualHash hasher;
  private final LumaHistogram histogrammer;
  private final Mat grey = new Mat();
  private final Mat thumb = new Mat();
  private final Mat mean = new Mat();
  private final Mat std = new Mat();
  private long[] previousHash;
  private Mat previousHistogram;

  /** @param rotation the video's clockwise display rotation (a quarter turn changes the hash) */
  DetectorMetrics(DetectorSettings settings, int rotation) {
    this.hasher = new PerceptualHash(
        settings.hashSize(), settings.hashLowpass(), rotation == 90 || rotation == 270);
    this.histogrammer = new LumaHistogram(settings.histogramBins());
  }

  Values measure(Mat smallBgr) {
    opencv_imgproc.cvtColor(smallBgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
    long[] hash = hasher.hashGrey(grey);
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
    return new Values(averageRgb(smallBgr), hashDist, histDiff, lumaStd(grey), thumbnail(grey));
  }

  private double lumaStd(Mat grey) {
    opencv_core.meanStdDev(grey, mean, std);
    try (DoubleIndexer s = std.createIndexer()) {
      return s.get(0);
    }
  }

  private byte[] thumbnail(Mat grey) {
    try (Size s = new Size(THUMB, THUMB)) {
      opencv_imgproc.resize(grey, thumb, s, 0, 0, opencv_imgproc.INTER_AREA);
    }
    byte[] out = new byte[THUMB * THUMB];
    thumb.data().get(out);
    return out;
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
    grey.close();
    thumb.close();
    mean.close();
    std.close();
    if (previousHistogram != null) {
      previousHistogram.close();
    }
  }
}
