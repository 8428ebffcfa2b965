package dev.reelbeam.transforms.motion;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.goodFeaturesToTrack;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowPyrLK;

import dev.reelbeam.transforms.model.MotionSample;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Global motion between consecutive frames from sparse corners (Shi-Tomasi) tracked by pyramidal
 * Lucas-Kanade and a RANSAC similarity fit ({@code estimateAffinePartial2D}: translation, uniform
 * scale, rotation), computed on a grey copy of the small frame downscaled to {@link #workingSize()}
 * px on its longer side.
 *
 * <p>Features are tracked from frame to frame and re-detected on the previous frame when fewer than
 * half of {@link #MAX_CORNERS} survive (a pan or zoom pushes them out of the picture), so detection,
 * the dearer step, runs only now and then.
 *
 * <p>Conventions of the returned {@link MotionSample}: {@code dx}, {@code dy} are the displacement of
 * the image centre's content as fractions of the frame width and height (+x right, +y down);
 * {@code scale} &gt; 1 means the content grows; {@code rotation} is in degrees, positive when the
 * content turns counter-clockwise as seen on screen.
 */
public final class LucasKanadeMotion implements MotionEstimator, AutoCloseable {

  /** Default longer side of the grey working copy. */
  public static final int DEFAULT_WORKING_SIZE = 160;

  static final int MAX_CORNERS = 120;
  static final double QUALITY = 0.01;
  /** Fewer point pairs than this and no fit is attempted. */
  static final int MIN_POINTS = 8;
  /** Below this inlier ratio the fit is reported but marked invalid (moving objects dominate). */
  static final double MIN_INLIER_RATIO = 0.25;
  /** RANSAC reprojection threshold in working-size pixels. */
  static final double RANSAC_THRESHOLD = 1.0;

  private final int workingSize;
  private final Size lkWindow = new Size(15, 15);
  private final TermCriteria lkCriteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 20, 0.03);

  private final Mat grey = new Mat();
  /** The current frame with the previous frame's brightness and contrast, for tracking. */
  private final Mat matched = new Mat();
  private final Mat statMean = new Mat();
  private final Mat statStd = new Mat();
  private double prevMean;
  private double prevStd;
  private double curMean;
  private double curStd;
  private Mat prev = new Mat();
  private Mat cur = new Mat();
  private boolean hasPrev;
  /** Points on {@link #prev} to track, x,y interleaved. */
  private float[] prevPts = new float[0];
  private int prevCount;
  /** Corners found by the last detection: re-detect when fewer than half of them survive. */
  private int detectedCount;

  private final Mat corners = new Mat();
  private final Mat nextPts = new Mat();
  private final Mat status = new Mat();
  private final Mat err = new Mat();
  private final Mat inliers = new Mat();

  public LucasKanadeMotion() {
    this(DEFAULT_WORKING_SIZE);
  }

  public LucasKanadeMotion(int workingSize) {
    if (workingSize < 32) {
      throw new IllegalArgumentException("workingSize must be at least 32 px, got " + workingSize);
    }
    this.workingSize = workingSize;
  }

  /** A factory of estimators at the default working size. */
  public static MotionEstimatorFactory factory() {
    return factory(DEFAULT_WORKING_SIZE);
  }

  /** A factory of estimators working on a grey copy whose longer side is {@code workingSize} px. */
  public static MotionEstimatorFactory factory(int workingSize) {
    new LucasKanadeMotion(workingSize).close(); // validates now, not on a worker
    return () -> new LucasKanadeMotion(workingSize);
  }

  public int workingSize() {
    return workingSize;
  }

  @Override
  public MotionSample next(Mat smallBgr) {
    toWorkingGrey(smallBgr, cur);
    stats(cur);
    if (!hasPrev || prev.cols() != cur.cols() || prev.rows() != cur.rows()) {
      swap();
      hasPrev = true;
      prevCount = 0;
      detectedCount = 0;
      return MotionSample.NONE;
    }
    if (prevCount < Math.max(2 * MIN_POINTS, detectedCount / 2)) {
      detect(prev);
    }
    MotionSample sample = prevCount < MIN_POINTS ? invalid(prevCount) : track();
    swap();
    return sample;
  }

  @Override
  public void reset() {
    hasPrev = false;
    prevCount = 0;
  }

  /** Frees the native buffers now rather than at garbage collection; not usable afterwards. */
  @Override
  public void close() {
    for (Mat m : new Mat[] {grey, matched, statMean, statStd, prev, cur, corners, nextPts, status, err, inliers}) {
      m.close();
    }
    lkWindow.close();
    lkCriteria.close();
  }

  private void toWorkingGrey(Mat bgr, Mat out) {
    Mat src = bgr;
    if (bgr.channels() == 3) {
      cvtColor(bgr, grey, COLOR_BGR2GRAY);
      src = grey;
    } else if (bgr.channels() == 4) {
      cvtColor(bgr, grey, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY);
      src = grey;
    }
    int w = src.cols();
    int h = src.rows();
    int longer = Math.max(w, h);
    if (longer > workingSize) {
      double f = (double) longer / workingSize;
      try (Size size = new Size(Math.max(1, (int) Math.rint(w / f)), Math.max(1, (int) Math.rint(h / f)))) {
        resize(src, out, size, 0, 0, INTER_AREA);
      }
    } else {
      src.copyTo(out);
    }
  }

  private void detect(Mat image) {
    double minDistance = Math.max(3.0, workingSize / 25.0);
    try (Mat noMask = new Mat()) {
      goodFeaturesToTrack(image, corners, MAX_CORNERS, QUALITY, minDistance, noMask, 3, false, 0.04);
    }
    int n = corners.rows() * corners.cols();
    if (n == 0) {
      prevCount = 0;
      detectedCount = 0;
      return;
    }
    float[] pts = new float[2 * n];
    try (FloatIndexer idx = corners.createIndexer()) {
      for (int i = 0; i < n; i++) {
        pts[2 * i] = idx.get(i, 0, 0);
        pts[2 * i + 1] = idx.get(i, 0, 1);
      }
    }
    prevPts = pts;
    prevCount = n;
    detectedCount = n;
  }

  private MotionSample track() {
    int n = prevCount;
    int w = prev.cols();
    int h = prev.rows();
    try (Mat from = pointsMat(prevPts, n)) {
      calcOpticalFlowPyrLK(prev, matchedCurrent(), from, nextPts, status, err, lkWindow, 2, lkCriteria, 0, 1e-4);
    }
    float[] a = new float[2 * n];
    float[] b = new float[2 * n];
    int good = 0;
    try (UByteIndexer st = status.createIndexer();
        FloatIndexer np = nextPts.createIndexer()) {
      for (int i = 0; i < n; i++) {
        if (st.get(i) == 0) {
          continue;
        }
        float x = np.get(i, 0, 0);
        float y = np.get(i, 0, 1);
        if (x < 0 || y < 0 || x > w - 1 || y > h - 1) {
          continue;
        }
        a[2 * good] = prevPts[2 * i];
        a[2 * good + 1] = prevPts[2 * i + 1];
        b[2 * good] = x;
        b[2 * good + 1] = y;
        good++;
      }
    }
    if (good < MIN_POINTS) {
      prevCount = 0;
      return invalid(good);
    }
    MotionSample sample;
    float[] kept = new float[2 * good];
    int keptCount = 0;
    try (Mat from = pointsMat(a, good);
        Mat to = pointsMat(b, good);
        Mat m = estimateAffinePartial2D(from, to, inliers, RANSAC, RANSAC_THRESHOLD, 2000, 0.99, 10)) {
      if (m.empty() || inliers.empty()) {
        sample = invalid(good);
        System.arraycopy(b, 0, kept, 0, 2 * good);
        keptCount = good;
      } else {
        int in = 0;
        try (UByteIndexer inl = inliers.createIndexer()) {
          for (int i = 0; i < good; i++) {
            if (inl.get(i) != 0) {
              in++;
              kept[2 * keptCount] = b[2 * i];
              kept[2 * keptCount + 1] = b[2 * i + 1];
              keptCount++;
            }
          }
        }
        sample = fromMatrix(m, w, h, (double) in / good, good, in >= MIN_POINTS);
      }
    }
    // Keep tracking the points that agreed with the camera motion; outliers sit on moving objects.
    prevPts = kept;
    prevCount = keptCount;
    return sample;
  }

  private static MotionSample fromMatrix(Mat m, int w, int h, double inlierRatio, int tracked, boolean enough) {
    double a;
    double b;
    double tx;
    double ty;
    try (DoubleIndexer idx = m.createIndexer()) {
      a = idx.get(0, 0);
      b = idx.get(1, 0);
      tx = idx.get(0, 2);
      ty = idx.get(1, 2);
    }
    double scale = Math.hypot(a, b);
    // Image y points down: atan2(b, a) > 0 turns clockwise on screen; report counter-clockwise as +.
    double rotation = -Math.toDegrees(Math.atan2(b, a));
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    double mx = a * cx - b * cy + tx;
    double my = b * cx + a * cy + ty;
    boolean valid = enough && inlierRatio >= MIN_INLIER_RATIO;
    return new MotionSample((mx - cx) / w, (my - cy) / h, scale, rotation, inlierRatio, tracked, valid);
  }

  private static MotionSample invalid(int tracked) {
    return new MotionSample(0, 0, 1, 0, 0, tracked, false);
  }

  private static Mat pointsMat(float[] pts, int n) {
    Mat m = new Mat(n, 1, CV_32FC2);
    try (FloatIndexer idx = m.createIndexer()) {
      for (int i = 0; i < n; i++) {
        idx.put(i, 0, 0, pts[2 * i]);
        idx.put(i, 0, 1, pts[2 * i + 1]);
      }
    }
    return m;
  }

  private void swap() {
    Mat t = prev;
    prev = cur;
    cur = t;
    prevMean = curMean;
    prevStd = curStd;
  }

  private void stats(Mat image) {
    meanStdDev(image, statMean, statStd);
    try (DoubleIndexer mi = statMean.createIndexer(); DoubleIndexer si = statStd.createIndexer()) {
      curMean = mi.get(0);
      curStd = si.get(0);
    }
  }

  /**
   * The current frame for tracking: in a fade or an exposure change brightness constancy fails, so
   * the frame is given the previous frame's mean and contrast (a gentle, relative correction that
   * does not amplify the noise of a low-contrast picture the way an absolute normalisation would).
   */
  private Mat matchedCurrent() {
    if (prevStd < 1 || curStd < 1) {
      return cur;
    }
    double gain = prevStd / curStd;
    if (Math.abs(gain - 1) < 0.01 && Math.abs(prevMean - curMean) < 1) {
      return cur;
    }
    gain = Math.max(0.5, Math.min(2.0, gain));
    cur.convertTo(matched, -1, gain, prevMean - gain * curMean);
    return matched;
  }
}
