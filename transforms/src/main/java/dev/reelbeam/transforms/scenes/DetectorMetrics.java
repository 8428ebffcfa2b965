package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameQuality;
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
   * of its grey levels) and an 8x8 area average of its grey levels, to compare any two frames;
   * {@code quality} serves the keyframe choice.
   */
  record Values(
      double averageRgb,
      double hashDist,
      double histDiff,
      double lumaStd,
      byte[] thumbnail,
      FrameQuality quality) {}

  /** Side of the grey thumbnail kept per frame for the transition classifier. */
  static final int THUMB = 8;

  private final PerceptualHash hasher;
  private final LumaHistogram histogrammer;
  /** Null when {@link #hasher}'s transform already gives the keyframe hash (the default). */
  private final PerceptualHash keyframeHasher;
  private final Mat laplacian = new Mat();
  private final Mat grey = new Mat();
  private final Mat thumb = new Mat();
  private final Mat mean = new Mat();
  private final Mat std = new Mat();
  private final Size thumbSize = new Size(THUMB, THUMB);
  private long[] previousHash;
  /** This frame's and the previous frame's histograms, swapped from frame to frame. */
  private Mat histogram;
  private Mat previousHistogram;
  private boolean havePrevious;

  /** @param rotation the video's clockwise display rotation (a quarter turn changes the hash) */
  DetectorMetrics(DetectorSettings settings, int rotation) {
    this.hasher = new PerceptualHash(
        settings.hashSize(), settings.hashLowpass(), rotation == 90 || rotation == 270);
    this.histogrammer = new LumaHistogram(settings.histogramBins());
    this.keyframeHasher = hasher.givesKeyframeHash() ? null : PerceptualHash.keyframeHasher();
    this.histogram = histogrammer.newHistogram();
    this.previousHistogram = histogrammer.newHistogram();
  }

  Values measure(Mat smallBgr) {
    opencv_imgproc.cvtColor(smallBgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
    long[] hash = hasher.hashGrey(grey);
    histogrammer.histogram(smallBgr, histogram);
    double hashDist = Double.NaN;
    double histDiff = Double.NaN;
    if (havePrevious) {
      hashDist = PerceptualHash.distance(previousHash, hash) / (double) hasher.bits();
      histDiff = LumaHistogram.correlation(previousHistogram, histogram);
    }
    long phash;
    if (keyframeHasher == null) {
      phash = hasher.lowFrequency64();
    } else {
      keyframeHasher.hashGrey(grey);
      phash = keyframeHasher.lowFrequency64();
    }
    previousHash = hash;
    Mat t = previousHistogram;
    previousHistogram = histogram;
    histogram = t;
    havePrevious = true;
    opencv_core.meanStdDev(grey, mean, std);
    double greyMean;
    double greyStd;
    try (DoubleIndexer m = mean.createIndexer(); DoubleIndexer s = std.createIndexer()) {
      greyMean = m.get(0);
      greyStd = s.get(0);
    }
    FrameQuality quality = new FrameQuality(sharpness(grey), greyMean, greyStd, phash);
    return new Values(averageRgb(smallBgr), hashDist, histDiff, greyStd, thumbnail(grey), quality);
  }

  /**
   * The grey ({@code COLOR_BGR2GRAY}) copy of the frame last given to {@link #measure}, valid until
   * the next call: the camera motion of the same pass starts from it instead of converting again.
   */
  Mat grey() {
    return grey;
  }

  /**
   * Variance of the Laplacian of the grey small frame: the usual focus measure (edges are strong
   * where the picture is sharp; motion blur and defocus flatten them). 16-bit output: a 3x3
   * Laplacian of 8-bit levels stays within +-2040. The sum and the sum of squares are OpenCV's
   * vectorised {@code sumElems} and {@code norm(NORM_L2SQR)} (8 us a frame at 256x144 against 47
   * for {@code meanStdDev} on 16-bit values); both are exact integers in a double, and the deviation
   * is formed as {@code meanStdDev} forms it, so the value is the same bits (checked on 2,000
   * frames of random sizes and contrast).
   */
  private double sharpness(Mat grey) {
    opencv_imgproc.Laplacian(grey, laplacian, opencv_core.CV_16S);
    double sum;
    try (Scalar s = opencv_core.sumElems(laplacian)) {
      sum = s.get(0);
    }
    double squares = opencv_core.norm(laplacian, opencv_core.NORM_L2SQR, null);
    double scale = 1.0 / laplacian.total();
    double mean = sum * scale;
    double sd = Math.sqrt(Math.max(squares * scale - mean * mean, 0));
    return sd * sd;
  }

  private byte[] thumbnail(Mat grey) {
    opencv_imgproc.resize(grey, thumb, thumbSize, 0, 0, opencv_imgproc.INTER_AREA);
    byte[] out = new byte[THUMB * THUMB];
    thumb.data().get(out);
    return out;
  }

  /**
   * numpy.mean of the whole BGR array: the integer sum is exact in a double, divided once. The sum
   * of every channel's bytes is the L1 norm of the array (OpenCV sums 8-bit values in integers, so
   * exactly), one call that makes no Mat view and no Scalar, as a one-channel {@code sumElems} did.
   */
  static double averageRgb(Mat smallBgr) {
    double count = (double) smallBgr.rows() * smallBgr.cols() * smallBgr.channels();
    return opencv_core.norm(smallBgr, opencv_core.NORM_L1, null) / count;
  }

  @Override
  public void close() {
    hasher.close();
    histogrammer.close();
    if (keyframeHasher != null) {
      keyframeHasher.close();
    }
    laplacian.close();
    thumbSize.close();
    histogram.close();
    previousHistogram.close();
    grey.close();
    thumb.close();
    mean.close();
    std.close();
  }
}
