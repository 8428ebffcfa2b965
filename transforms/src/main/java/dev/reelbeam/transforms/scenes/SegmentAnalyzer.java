package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimator;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes one segment once and turns each frame into compact signals: HSV deltas (and edges when
 * asked) to the previous frame of the segment, every other detector's metric (average intensity,
 * perceptual hash and luma histogram differences), and global motion from one estimator per segment.
 * Keeps the first and last small frames as PNG for the stitch. Heap stays flat: per frame only a few
 * numbers are kept.
 */
public final class SegmentAnalyzer {
  private final int threads;
  private final int downscaleTarget;
  private final boolean edges;
  private final MotionEstimatorFactory motionFactory;
  private final CapturePlan capture;
  private final DetectorSettings settings;
  private final DetectorSettings metricSettings;

  /**
   * @param threads FFmpeg decoding threads (0: FFmpeg chooses)
   * @param downscaleTarget longer side of the small copy (PySceneDetect: 256)
   * @param edges whether to compute delta_edges
   * @param motionFactory estimator factory, or null for no motion
   */
  public SegmentAnalyzer(
      int threads, int downscaleTarget, boolean edges, MotionEstimatorFactory motionFactory) {
    this.threads = threads;
    this.downscaleTarget = downscaleTarget;
    this.edges = edges;
    this.motionFactory = motionFactory;
    this.capture = null;
    this.settings = null;
    this.metricSettings = DetectorSettings.defaults();
  }

  private SegmentAnalyzer(
      SegmentAnalyzer a, CapturePlan capture, DetectorSettings settings, DetectorSettings metrics) {
    this.threads = a.threads;
    this.downscaleTarget = a.downscaleTarget;
    this.edges = a.edges;
    this.motionFactory = a.motionFactory;
    this.capture = capture;
    this.settings = settings;
    this.metricSettings = metrics;
  }

  /**
   * Computes the hash and histogram metrics with these settings' hash size and lowpass and
   * histogram bins (by default PySceneDetect's).
   */
  public SegmentAnalyzer withMetricSettings(DetectorSettings detectorSettings) {
    if (detectorSettings == null) {
      throw new IllegalArgumentException("metric settings must not be null");
    }
    return new SegmentAnalyzer(this, capture, settings, detectorSettings);
  }

  /**
   * Also stages the frame images the keyframe picks will likely want ({@link KeyframeCapture}),
   * finding cuts with {@code settings} (those of the detection that follows).
   */
  public SegmentAnalyzer withCapture(CapturePlan plan, DetectorSettings detectorSettings) {
    if (plan != null && detectorSettings == null) {
      throw new IllegalArgumentException("capturing keyframes needs the detector settings");
    }
    return new SegmentAnalyzer(this, plan, detectorSettings, metricSettings);
  }

  public SegmentSignals analyze(VideoSegment segment) throws Exception {
    VideoInfo video = segment.video();
    int expected = (int) Math.min(1 << 20, Math.max(16, estimateFrames(segment)));
    LongList pts = new LongList(expected);
    DoubleList hue = new DoubleList(expected);
    DoubleList sat = new DoubleList(expected);
    DoubleList lum = new DoubleList(expected);
    DoubleList edge = new DoubleList(edges ? expected : 0);
    DoubleList averageRgb = new DoubleList(expected);
    DoubleList hashDist = new DoubleList(expected);
    DoubleList histDiff = new DoubleList(expected);
    DoubleList lumaStd = new DoubleList(expected);
    DoubleList sharpness = new DoubleList(expected);
    DoubleList brightness = new DoubleList(expected);
    LongList phash = new LongList(expected);
    java.io.ByteArrayOutputStream thumbnails =
        new java.io.ByteArrayOutputStream(expected * DetectorMetrics.THUMB * DetectorMetrics.THUMB);
    List<MotionSample> motion = new ArrayList<>(expected);
    byte[][] firstPng = new byte[1][];
    Mat last = new Mat();
    MotionEstimator estimator = motionFactory == null ? null : motionFactory.create();
    try (VideoDecoder decoder =
            VideoDecoder.openLazy(video.path(), video.rotation(), threads, downscaleTarget);
        ContentScorer scorer = new ContentScorer(edges);
        DetectorMetrics metrics = new DetectorMetrics(metricSettings, video.rotation());
        KeyframeCapture keep =
            capture == null ? null : new KeyframeCapture(capture, settings, segment, decoder.clock())) {
      decoder.decodeRange(
          segment.startTime(),
          segment.endTime(),
          segment.index() == 0,
          video.keyframeTimes(),
          f -> {
            Mat small = f.small();
            ContentScorer.Deltas d = scorer.score(small);
            DetectorMetrics.Values v = metrics.measure(small);
            MotionSample m = estimator == null ? MotionSample.NONE : estimator.next(small, metrics.grey());
            if (f.index() == 0) {
              firstPng[0] = SmallFrames.toPng(small);
              // the stitch computes the first frame's deltas and motion against the previous segment
              m = MotionSample.NONE;
            }
            pts.add(f.pts());
            if (pts.size % LiveFrameCount.BATCH == 0) {
              LiveFrameCount.add(LiveFrameCount.BATCH);
            }
            hue.add(d.hue());
            sat.add(d.sat());
            lum.add(d.lum());
            if (edges) {
              edge.add(d.edges());
            }
            averageRgb.add(v.averageRgb());
            hashDist.add(v.hashDist());
            histDiff.add(v.histDiff());
            lumaStd.add(v.lumaStd());
            sharpness.add(v.quality().sharpness());
            brightness.add(v.quality().brightness());
            phash.add(v.quality().phash());
            thumbnails.writeBytes(v.thumbnail());
            motion.add(m == null ? MotionSample.NONE : m);
            small.copyTo(last);
            if (keep != null) {
              keep.accept(f, d.contentVal(
                  settings.weightHue(), settings.weightSat(), settings.weightLum(), settings.weightEdges()),
                  v);
            }
          });
      LiveFrameCount.add(pts.size % LiveFrameCount.BATCH);
      if (keep != null) {
        keep.finish();
      }
      byte[] lastPng = pts.size == 0 ? null : SmallFrames.toPng(last);
      return new SegmentSignals(
          segment,
          decoder.clock(),
          downscaleTarget,
          edges,
          pts.toArray(),
          hue.toArray(),
          sat.toArray(),
          lum.toArray(),
          edges ? edge.toArray() : new double[pts.size],
          motion.toArray(new MotionSample[0]),
          firstPng[0],
          lastPng,
          motionFactory,
          decoder.skippedFrames(),
          metricSettings,
          averageRgb.toArray(),
          hashDist.toArray(),
          histDiff.toArray(),
          lumaStd.toArray(),
          thumbnails.toByteArray(),
          sharpness.toArray(),
          brightness.toArray(),
          phash.toArray());
    } finally {
      last.close();
    }
  }

  private static long estimateFrames(VideoSegment s) {
    double end = Double.isInfinite(s.endTime()) ? s.video().durationSeconds() : s.endTime();
    return Math.round((end - s.startTime()) * s.video().fps()) + 2;
  }

  static final class LongList {
    long[] a;
    int size;

    LongList(int cap) {
      a = new long[Math.max(1, cap)];
    }

    void add(long v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  static final class DoubleList {
    double[] a;
    int size;

    DoubleList(int cap) {
      a = new double[Math.max(1, cap)];
    }

    void add(double v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
