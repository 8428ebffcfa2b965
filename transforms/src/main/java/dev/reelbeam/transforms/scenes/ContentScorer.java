package dev.reelbeam.transforms.scenes;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * PySceneDetect's ContentDetector frame score, computed the same way: BGR to HSV on 8 bits (hue
 * 0-179), per channel the sum of absolute differences to the previous frame divided by the pixel
 * count, and, when asked, the same for dilated Canny edges of the value channel. The first frame
 * (and the first after {@link #reset()}) scores zero. Not thread-safe; close to free native memory.
 */
public final class ContentScorer implements AutoCloseable {

  /**
   * The components of one frame's score.
   *
   * @param hue delta_hue
   * @param sat delta_sat
   * @param lum delta_lum
   * @param edges delta_edges (0 when edges are not computed)
   */
  public record Deltas(double hue, double sat, double lum, double edges) {
    public static final Deltas ZERO = new Deltas(0, 0, 0, 0);

    /** {@code content_val}: the weighted mean, summed in PySceneDetect's order. */
    public double contentVal(double wHue, double wSat, double wLum, double wEdges) {
      double sum = 0.0 + hue * wHue + sat * wSat + lum * wLum + edges * wEdges;
      return sum / (0.0 + Math.abs(wHue) + Math.abs(wSat) + Math.abs(wLum) + Math.abs(wEdges));
    }
  }

  private final boolean edges;
  private Mat hsv = new Mat();
  private Mat prevHsv = new Mat();
  private final Mat diff = new Mat();
  private Mat edgeMap = new Mat();
  private Mat prevEdges = new Mat();
  private final Mat lum = new Mat();
  private final Mat edgeDiff = new Mat();
  private Mat kernel;
  private boolean havePrevious;

  /** @param edges whether to compute delta_edges (PySceneDetect does only for a non-zero weight) */
  public ContentScorer(boolean edges) {
    this.edges = edges;
  }

  /** Scores {@code smallBgr} against the previous frame given to this scorer. */
  public Deltas score(Mat smallBgr) {
    opencv_imgproc.cvtColor(smallBgr, hsv, COLOR_BGR2HSV);
    if (edges) {
      opencv_core.extractChannel(hsv, lum, 2);
      detectEdges(lum, edgeMap);
    }
    Deltas result = Deltas.ZERO;
    if (havePrevious) {
      double pixels = (double) hsv.rows() * hsv.cols();
      opencv_core.absdiff(hsv, prevHsv, diff);
      try (Scalar s = opencv_core.sumElems(diff)) {
        double e = 0;
        if (edges) {
          opencv_core.absdiff(edgeMap, prevEdges, edgeDiff);
          try (Scalar es = opencv_core.sumElems(edgeDiff)) {
            e = es.get(0) / pixels;
          }
        }
        result = new Deltas(s.get(0) / pixels, s.get(1) / pixels, s.get(2) / pixels, e);
      }
    }
    Mat t = prevHsv;
    prevHsv = hsv;
    hsv = t;
    if (edges) {
      Mat u = prevEdges;
      prevEdges = edgeMap;
      edgeMap = u;
    }
    havePrevious = true;
    return result;
  }

  /** Forgets the previous frame. */
  public void reset() {
    havePrevious = false;
  }

  private void detectEdges(Mat lumChannel, Mat out) {
    if (kernel == null) {
      int size = 4 + (int) Math.rint(Math.sqrt((double) lumChannel.cols() * lumChannel.rows()) / 192);
      if (size % 2 == 0) {
        size++;
      }
      kernel = new Mat(size, size, opencv_core.CV_8U, new Scalar(1));
    }
    double median = median(lumChannel);
    double sigma = 1.0 / 3.0;
    int low = (int) Math.max(0, (1.0 - sigma) * median);
    int high = (int) Math.min(255, (1.0 + sigma) * median);
    try (Mat canny = new Mat()) {
      opencv_imgproc.Canny(lumChannel, canny, low, high);
      opencv_imgproc.dilate(canny, out, kernel);
    }
  }

  /** numpy.median of an 8-bit single-channel image (mean of the two middle values when even). */
  private static double median(Mat m) {
    int n = m.rows() * m.cols();
    int[] hist = new int[256];
    org.bytedeco.javacpp.indexer.UByteIndexer idx = m.createIndexer();
    try {
      for (int y = 0; y < m.rows(); y++) {
        for (int x = 0; x < m.cols(); x++) {
          hist[idx.get(y, x)]++;
        }
      }
    } finally {
      idx.close();
    }
    int lo = (n - 1) / 2;
    int hi = n / 2;
    int a = -1;
    int b = -1;
    int seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += hist[v];
      if (a < 0 && seen > lo) {
        a = v;
      }
      if (b < 0 && seen > hi) {
        b = v;
        break;
      }
    }
    return (a + b) / 2.0;
  }

  @Override
  public void close() {
    hsv.close();
    prevHsv.close();
    diff.close();
    edgeMap.close();
    prevEdges.close();
    lum.close();
    edgeDiff.close();
    if (kernel != null) {
      kernel.close();
    }
  }
}
