package dev.reelbeam.transforms.motion;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.BORDER_DEFAULT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.cornerMinEigenVal;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowPyrLK;

import dev.reelbeam.transforms.model.MotionSample;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Global motion between consecutive frames from sparse corners (Shi-Tomasi) tracked by pyramidal
 * Lucas-Kanade and a RANSAC similarity consensus ({@code estimateAffinePartial2D}: translation,
 * uniform scale, rotation), computed on a grey copy of the small frame downscaled to
 * {@link #workingSize()} px on its longer side.
 *
 * <p>Features are tracked from frame to frame and re-detected on the previous frame when fewer than
 * half of the last detection survive (a pan or zoom pushes them out of the picture), so detection,
 * the dearer step, runs only now and then.
 *
 * <p>The camera's motion is taken to be the background's, and three choices keep a subject the
 * camera follows from passing for it: corners are spread over the frame ({@link #detect}), the
 * consensus is found on whole tracks rather than on the last pair ({@link #track}), and when two
 * coherent motions compete the one covering more of the frame wins. Where nothing but the subject
 * has texture (a plane against a clear sky) no camera motion is reported: a motion held only by a
 * compact patch wholly inside the frame is not taken for the camera's ({@link #extended}), since
 * the background's motion cannot be seen and the subject's is not the camera's.
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
  /** A corner is kept above this fraction of the strongest corner response in its grid cell. */
  static final double QUALITY = 0.01;
  /** The grid over which the corner budget is spread (cells of about 40×30 px at 160 px). */
  static final int GRID_COLS = 4;
  static final int GRID_ROWS = 3;
  /**
   * Weakest corner used, as OpenCV's minimum eigenvalue (3×3 block, 3×3 Sobel, 8-bit input): a
   * step corner of 8 grey levels scores 2.5e-4, of 16 levels 1e-3. Compression blocks and banding
   * in a clear sky stay under 1e-4; textured backgrounds reach 1e-3 to 1e-1.
   */
  static final double MIN_CORNER_STRENGTH = 2.5e-4;
  /** The grid on which two competing motions are compared by the area their points cover. */
  static final int COVERAGE_COLS = 8;
  static final int COVERAGE_ROWS = 6;
  /**
   * The camera's points must reach across this fraction of the frame's width or height, or come
   * within {@link #EDGE_MARGIN} of the longer side from an edge.
   */
  static final double MIN_SPREAD = 0.5;
  static final double EDGE_MARGIN = 1.0 / 16;
  /** Fewer point pairs than this and no fit is attempted. */
  static final int MIN_POINTS = 8;
  /** Below this inlier ratio the fit is reported but marked invalid (moving objects dominate). */
  static final double MIN_INLIER_RATIO = 0.25;
  /** RANSAC reprojection threshold in working-size pixels. */
  static final double RANSAC_THRESHOLD = 1.0;
  /**
   * Lucas-Kanade window side in working-size pixels. Tracking costs in proportion to the window's
   * area, and at 160 px a 9×9 window (a 20th of the width) already holds a corner's neighbourhood:
   * against 15×15 it halves the tracking time with the same accuracy on the synthetic motions
   * (rates within 1 %) and the same movements on the real clips.
   */
  static final int LK_WINDOW = 9;
  /**
   * Pyramid levels above the working frame (160, 80 and 40 px): with the 9×9 window a pair can
   * move about 16 px, a tenth of the width, between two frames (a whip pan of 2 frame widths a
   * second at 24 fps is 13 px); one level fewer would save 15 % and lose those.
   */
  static final int LK_LEVELS = 2;

  private final int workingSize;
  private final Size lkWindow = new Size(LK_WINDOW, LK_WINDOW);
  /** The working frame's size for input frames of {@link #sourceWidth}×{@link #sourceHeight}. */
  private final Size workingDims = new Size(0, 0);
  private int sourceWidth = -1;
  private int sourceHeight = -1;
  private double ratio;
  /** Sigma of the Gaussian applied before a bilinear shrink by {@link #ratio}. */
  private double antiAlias;
  private final Size kernel3 = new Size(3, 3);
  private final Mat smoothed = new Mat();
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
  /** Where each point of {@link #prevPts} was detected: the start of its track. */
  private float[] anchorPts = new float[0];
  private int prevCount;
  /** Corners found by the last detection: re-detect when fewer than half of them survive. */
  private int detectedCount;

  private final Mat eig = new Mat();
  private final Mat eigMax = new Mat();
  /** An empty kernel: {@code dilate} then takes the 3×3 maximum (non-maximum suppression). */
  private final Mat square3 = new Mat();
  private float[] eigBuf = new float[0];
  private float[] maxBuf = new float[0];
  /** Point lists handed to OpenCV, reused from frame to frame (n×1, two floats a point). */
  private final Mat fromPts = new Mat();
  private final Mat fitFrom = new Mat();
  private final Mat fitTo = new Mat();
  private final Mat nextPts = new Mat();
  private final Mat status = new Mat();
  private final Mat err = new Mat();
  private final Mat inliers = new Mat();
  private float[] nextBuf = new float[0];
  private byte[] flagBuf = new byte[0];

  public LucasKanadeMotion() {
    this(DEFAULT_WORKING_SIZE);
  }

  public LucasKanadeMotion(int workingSize) {
    dev.reelbeam.io.video.OpenCvThreads.useCallerOnly();
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
    return next(smallBgr, null);
  }

  /**
   * The decode pass's own grey copy of the small frame (the cut detector's metrics make it) is the
   * same {@code cvtColor} of the same pixels as {@link #toWorkingGrey}'s, so it is used when its
   * size and type fit: one conversion a frame fewer, the same working frame.
   */
  @Override
  public MotionSample next(Mat smallBgr, Mat greyOfSmall) {
    boolean fits = greyOfSmall != null && smallBgr.channels() == 3 && greyOfSmall.channels() == 1
        && greyOfSmall.depth() == smallBgr.depth() && greyOfSmall.cols() == smallBgr.cols()
        && greyOfSmall.rows() == smallBgr.rows();
    toWorkingGrey(fits ? greyOfSmall : smallBgr, cur);
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
    for (Mat m : new Mat[] {grey, smoothed, matched, statMean, statStd, prev, cur, eig, eigMax, square3, fromPts, fitFrom, fitTo,
        nextPts, status, err, inliers}) {
      m.close();
    }
    lkWindow.close();
    workingDims.close();
    kernel3.close();
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
      if (w != sourceWidth || h != sourceHeight) {
        double f = (double) longer / workingSize;
        workingDims.width(Math.max(1, (int) Math.rint(w / f)));
        workingDims.height(Math.max(1, (int) Math.rint(h / f)));
        sourceWidth = w;
        sourceHeight = h;
        ratio = f;
        antiAlias = Math.sqrt(f * f - 1) / 2;
      }
      if (ratio <= 2) {
        // The decode pass's 256 px copy is 1.6 times the working size. INTER_AREA at such a
        // fractional ratio costs 0.075 ms (tracking, the main cost, 0.11 ms); a 3×3 Gaussian of
        // sigma sqrt(ratio² - 1) / 2 (0.62) then bilinear costs 0.028 ms, keeps an 8-grey-level
        // step corner's response (1.79e-4 against 1.85e-4) and lets less pixel noise through (the
        // strongest corner on a sky with ±6 levels of noise: 1.46e-4 against 1.75e-4; bilinear
        // alone 2.71e-4, over the corner floor).
        if (antiAlias > 0.1) {
          GaussianBlur(src, smoothed, kernel3, antiAlias);
          src = smoothed;
        }
        resize(src, out, workingDims, 0, 0, INTER_LINEAR);
      } else {
        resize(src, out, workingDims, 0, 0, INTER_AREA);
      }
    } else {
      src.copyTo(out);
    }
  }

  /**
   * Shi-Tomasi corners spread over the frame. OpenCV's {@code goodFeaturesToTrack} keeps corners
   * above a quality level relative to the strongest corner in the picture and takes the strongest
   * first, so one high-contrast subject (a white plane, a face, a logo) sets the bar for the whole
   * frame and takes much of the corner budget: in a follow shot most points land on the subject,
   * which the camera holds still, and the fit reports the subject's motion (static) instead of the
   * background's (the pan). Here the quality level is relative to the strongest corner of each cell
   * of a {@link #GRID_COLS}×{@link #GRID_ROWS} grid and the candidates are ranked by that
   * cell-relative strength, so the budget goes to every textured part of the frame and the
   * background outnumbers a subject by the area it covers. Below {@link #MIN_CORNER_STRENGTH} a
   * cell has no corner at all: a clear sky's compression blocks and banding are fixed to the frame,
   * tracking them would claim a static camera that nothing in the picture shows.
   */
  private void detect(Mat image) {
    int w = image.cols();
    int h = image.rows();
    cornerMinEigenVal(image, eig, 3, 3, BORDER_DEFAULT);
    dilate(eig, eigMax, square3);
    int n = w * h;
    if (eigBuf.length < n) {
      eigBuf = new float[n];
      maxBuf = new float[n];
    }
    float[] e = eigBuf;
    float[] mx = maxBuf;
    ((FloatBuffer) eig.createBuffer()).get(e, 0, n);
    ((FloatBuffer) eigMax.createBuffer()).get(mx, 0, n);
    float[] cellMax = new float[GRID_COLS * GRID_ROWS];
    for (int y = 0; y < h; y++) {
      int row = y * GRID_ROWS / h * GRID_COLS;
      for (int x = 0; x < w; x++) {
        int c = row + x * GRID_COLS / w;
        cellMax[c] = Math.max(cellMax[c], e[y * w + x]);
      }
    }
    float[] threshold = new float[cellMax.length];
    for (int c = 0; c < cellMax.length; c++) {
      threshold[c] = (float) Math.max(MIN_CORNER_STRENGTH, QUALITY * cellMax[c]);
    }
    // Candidates: local maxima above their cell's threshold, keyed by cell-relative strength (a
    // positive float's bits sort like the float) and pixel index, strongest first.
    long[] cand = new long[64];
    int count = 0;
    for (int y = 1; y < h - 1; y++) {
      int row = y * GRID_ROWS / h * GRID_COLS;
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        int c = row + x * GRID_COLS / w;
        float v = e[i];
        if (v >= threshold[c] && v >= mx[i]) {
          if (count == cand.length) {
            cand = Arrays.copyOf(cand, 2 * count);
          }
          cand[count++] = ((long) Float.floatToIntBits(v / cellMax[c]) << 32) | i;
        }
      }
    }
    Arrays.sort(cand, 0, count);
    double minDistance = Math.max(3.0, workingSize / 25.0);
    double minD2 = minDistance * minDistance;
    int bucket = (int) Math.ceil(minDistance);
    int bw = (w + bucket - 1) / bucket;
    int bh = (h + bucket - 1) / bucket;
    int[][] buckets = new int[bw * bh][];
    int[] bucketSize = new int[bw * bh];
    float[] pts = new float[2 * MAX_CORNERS];
    int kept = 0;
    for (int k = count - 1; k >= 0 && kept < MAX_CORNERS; k--) {
      int i = (int) cand[k];
      int x = i % w;
      int y = i / w;
      int bx = x / bucket;
      int by = y / bucket;
      if (!farFromKept(pts, buckets, bucketSize, bw, bh, bx, by, x, y, minD2)) {
        continue;
      }
      int b = by * bw + bx;
      if (buckets[b] == null) {
        buckets[b] = new int[4];
      } else if (bucketSize[b] == buckets[b].length) {
        buckets[b] = Arrays.copyOf(buckets[b], 2 * bucketSize[b]);
      }
      buckets[b][bucketSize[b]++] = kept;
      pts[2 * kept] = x;
      pts[2 * kept + 1] = y;
      kept++;
    }
    prevPts = pts;
    anchorPts = Arrays.copyOf(pts, 2 * kept);
    prevCount = kept;
    detectedCount = kept;
  }

  private static boolean farFromKept(float[] pts, int[][] buckets, int[] bucketSize, int bw, int bh,
      int bx, int by, int x, int y, double minD2) {
    for (int yy = Math.max(0, by - 1); yy <= Math.min(bh - 1, by + 1); yy++) {
      for (int xx = Math.max(0, bx - 1); xx <= Math.min(bw - 1, bx + 1); xx++) {
        int b = yy * bw + xx;
        for (int j = 0; j < bucketSize[b]; j++) {
          int p = buckets[b][j];
          double dx = pts[2 * p] - x;
          double dy = pts[2 * p + 1] - y;
          if (dx * dx + dy * dy < minD2) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Tracks the points into the current frame and fits the camera motion of this pair.
   *
   * <p>The consensus is found on each point's whole track, from where it was detected (its anchor)
   * to where it is now, not on the last pair alone: a subject the camera keeps framed stays put
   * while the background drifts by the pan's rate every frame, and a slow pan moves the background
   * by less than the RANSAC threshold between two frames (0.05 frame widths a second is 0.3 px a
   * frame at 160 px), so a per-pair consensus takes subject and background together and reports a
   * blend. Over the track the two part within a few frames, and the larger group (by the spread of
   * corners over the frame, the background) wins. The pair's motion is then the least-squares
   * similarity over that group's points, previous frame to current.
   */
  private MotionSample track() {
    int n = prevCount;
    int w = prev.cols();
    int h = prev.rows();
    calcOpticalFlowPyrLK(prev, matchedCurrent(), pointsMat(fromPts, prevPts, n), nextPts, status, err, lkWindow,
        LK_LEVELS, lkCriteria, 0, 1e-4);
    float[] np = floats(nextPts, n);
    byte[] st = flags(status, n);
    float[] a = new float[2 * n];
    float[] b = new float[2 * n];
    float[] c = new float[2 * n];
    int good = 0;
    for (int i = 0; i < n; i++) {
      if (st[i] == 0) {
        continue;
      }
      float x = np[2 * i];
      float y = np[2 * i + 1];
      if (x < 0 || y < 0 || x > w - 1 || y > h - 1) {
        continue;
      }
      a[2 * good] = prevPts[2 * i];
      a[2 * good + 1] = prevPts[2 * i + 1];
      b[2 * good] = x;
      b[2 * good + 1] = y;
      c[2 * good] = anchorPts[2 * i];
      c[2 * good + 1] = anchorPts[2 * i + 1];
      good++;
    }
    if (good < MIN_POINTS) {
      prevCount = 0;
      return invalid(good);
    }
    boolean[] in = consensus(c, b, null, good);
    int inCount = count(in);
    if (inCount < 2) {
      // no consensus (degenerate points): report nothing, keep tracking them all
      prevPts = b;
      anchorPts = c;
      prevCount = good;
      return invalid(good);
    }
    boolean[] keep = in;
    if (good - inCount >= MIN_POINTS) {
      // A second motion with enough points: a subject the camera follows, or a large moving object.
      // The camera's motion is the one shared by more of the picture, measured by the cells its
      // points cover, not by their number: a textured subject can hold as many corners as the
      // whole background, but not spread over as much of the frame. Both groups are tracked on:
      // a few frames after detection a slow pan has not yet parted them, and the next frames
      // decide again on longer tracks.
      boolean[] other = consensus(c, b, in, good);
      int otherCount = count(other);
      if (otherCount >= MIN_POINTS) {
        keep = new boolean[good];
        for (int i = 0; i < good; i++) {
          keep[i] = in[i] || other[i];
        }
        if (coverage(b, other, w, h) > coverage(b, in, w, h)) {
          in = other;
          inCount = otherCount;
        }
      }
    }
    MotionSample sample = fitSimilarity(
        a, b, in, w, h, (double) inCount / good, good, inCount >= MIN_POINTS && extended(b, in, w, h));
    // Keep tracking the points of the camera's motion (and of a second coherent motion); the rest
    // sit on moving objects or were lost.
    int keptCount = 0;
    for (int i = 0; i < good; i++) {
      if (keep[i]) {
        b[2 * keptCount] = b[2 * i];
        b[2 * keptCount + 1] = b[2 * i + 1];
        c[2 * keptCount] = c[2 * i];
        c[2 * keptCount + 1] = c[2 * i + 1];
        keptCount++;
      }
    }
    prevPts = b;
    anchorPts = c;
    prevCount = keptCount;
    return sample;
  }

  /**
   * RANSAC similarity consensus from anchors {@code c} to current positions {@code b} over the
   * points not in {@code exclude} (all when null); the inlier mask over all {@code n} points.
   */
  private boolean[] consensus(float[] c, float[] b, boolean[] exclude, int n) {
    int[] index = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (exclude == null || !exclude[i]) {
        index[m++] = i;
      }
    }
    boolean[] in = new boolean[n];
    float[] from = new float[2 * m];
    float[] to = new float[2 * m];
    for (int k = 0; k < m; k++) {
      int i = index[k];
      from[2 * k] = c[2 * i];
      from[2 * k + 1] = c[2 * i + 1];
      to[2 * k] = b[2 * i];
      to[2 * k + 1] = b[2 * i + 1];
    }
    try (Mat fit = estimateAffinePartial2D(pointsMat(fitFrom, from, m), pointsMat(fitTo, to, m), inliers, RANSAC,
        RANSAC_THRESHOLD, 2000, 0.99, 0)) {
      if (!fit.empty() && !inliers.empty()) {
        byte[] inl = flags(inliers, m);
        for (int k = 0; k < m; k++) {
          in[index[k]] = inl[k] != 0;
        }
      }
    }
    return in;
  }

  /**
   * Whether the selected points can stand for the camera's motion: they reach across at least
   * {@link #MIN_SPREAD} of the frame's width or height, or come within {@link #EDGE_MARGIN} of its
   * edge. A motion held only by a compact patch lying wholly inside the frame (a plane or a bird
   * against a clear sky, a person against a blank wall) is as much that object's as the camera's:
   * a camera following it and a camera standing still over it give the same pixels. Scenery spans
   * the frame one way or another, or runs on past its edge (a strip of ground along the bottom, the
   * trees in a corner as a camera tilts down to them); a subject the camera keeps framed does not.
   */
  private static boolean extended(float[] pts, boolean[] use, int w, int h) {
    float minX = Float.MAX_VALUE;
    float maxX = -Float.MAX_VALUE;
    float minY = Float.MAX_VALUE;
    float maxY = -Float.MAX_VALUE;
    for (int i = 0; i < use.length; i++) {
      if (use[i]) {
        minX = Math.min(minX, pts[2 * i]);
        maxX = Math.max(maxX, pts[2 * i]);
        minY = Math.min(minY, pts[2 * i + 1]);
        maxY = Math.max(maxY, pts[2 * i + 1]);
      }
    }
    double m = EDGE_MARGIN * Math.max(w, h);
    boolean spans = maxX - minX >= MIN_SPREAD * w || maxY - minY >= MIN_SPREAD * h;
    boolean atEdge = minX < m || minY < m || maxX > w - 1 - m || maxY > h - 1 - m;
    return spans || atEdge;
  }

  private static int count(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** How many cells of a {@link #COVERAGE_COLS}×{@link #COVERAGE_ROWS} grid hold a selected point. */
  private static int coverage(float[] pts, boolean[] use, int w, int h) {
    boolean[] cell = new boolean[COVERAGE_COLS * COVERAGE_ROWS];
    int n = 0;
    for (int i = 0; i < use.length; i++) {
      if (use[i]) {
        int cx = Math.min(COVERAGE_COLS - 1, (int) (pts[2 * i] * COVERAGE_COLS / w));
        int cy = Math.min(COVERAGE_ROWS - 1, (int) (pts[2 * i + 1] * COVERAGE_ROWS / h));
        int k = Math.max(0, cy) * COVERAGE_COLS + Math.max(0, cx);
        if (!cell[k]) {
          cell[k] = true;
          n++;
        }
      }
    }
    return n;
  }

  /**
   * The least-squares similarity {@code q = [s -r; r s] p + t} over the selected pairs (closed form:
   * centre both sets, then {@code s} and {@code r} are the normalised dot and cross sums), turned
   * into a sample about the frame centre.
   */
  private static MotionSample fitSimilarity(
      float[] p, float[] q, boolean[] use, int w, int h, double inlierRatio, int tracked, boolean enough) {
    double px = 0;
    double py = 0;
    double qx = 0;
    double qy = 0;
    int m = 0;
    for (int i = 0; i < use.length; i++) {
      if (use[i]) {
        px += p[2 * i];
        py += p[2 * i + 1];
        qx += q[2 * i];
        qy += q[2 * i + 1];
        m++;
      }
    }
    px /= m;
    py /= m;
    qx /= m;
    qy /= m;
    double dot = 0;
    double cross = 0;
    double norm = 0;
    for (int i = 0; i < use.length; i++) {
      if (use[i]) {
        double ux = p[2 * i] - px;
        double uy = p[2 * i + 1] - py;
        double vx = q[2 * i] - qx;
        double vy = q[2 * i + 1] - qy;
        dot += ux * vx + uy * vy;
        cross += ux * vy - uy * vx;
        norm += ux * ux + uy * uy;
      }
    }
    double a = norm > 0 ? dot / norm : 1;
    double b = norm > 0 ? cross / norm : 0;
    double tx = qx - (a * px - b * py);
    double ty = qy - (b * px + a * py);
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

  /** {@code n} points of {@code pts} written into {@code m}, (re)allocated only when it grows. */
  private static Mat pointsMat(Mat m, float[] pts, int n) {
    m.create(n, 1, CV_32FC2);
    ((FloatBuffer) m.createBuffer()).put(pts, 0, 2 * n);
    return m;
  }

  /** The first {@code n} points of an n×1 two-float Mat, in a buffer reused from call to call. */
  private float[] floats(Mat m, int n) {
    if (nextBuf.length < 2 * n) {
      nextBuf = new float[2 * n];
    }
    ((FloatBuffer) m.createBuffer()).get(nextBuf, 0, 2 * n);
    return nextBuf;
  }

  /** The first {@code n} bytes of an n×1 byte Mat (a status or inlier mask), in a reused buffer. */
  private byte[] flags(Mat m, int n) {
    if (flagBuf.length < n) {
      flagBuf = new byte[n];
    }
    ((ByteBuffer) m.createBuffer()).get(flagBuf, 0, n);
    return flagBuf;
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
    curMean = ((DoubleBuffer) statMean.createBuffer()).get(0);
    curStd = ((DoubleBuffer) statStd.createBuffer()).get(0);
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
