package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.motion.MotionEstimator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Puts the segments of one video back together: frames renumbered in order, and the first frame of
 * every segment after the first given the deltas, hash and histogram differences and motion it has in one sequential pass, from the
 * previous segment's last small frame and its own first one. Fails loudly when a segment is missing
 * or duplicated: a partial video must not look complete.
 */
public final class SegmentStitcher {
  private SegmentStitcher() {}

  public static StitchedSignals stitch(Iterable<SegmentSignals> parts) {
    List<SegmentSignals> segs = new ArrayList<>();
    parts.forEach(segs::add);
    if (segs.isEmpty()) {
      throw new IllegalArgumentException("no segments to stitch");
    }
    segs.sort(Comparator.comparingInt(s -> s.segment().index()));
    int count = segs.get(0).segment().count();
    String id = segs.get(0).video().videoId();
    if (segs.size() < count) {
      throw new BadInputException(
          "video " + id + " was not decoded completely: " + (count - segs.size()) + " of its " + count
              + " segments failed to decode (see the decode errors); cuts of a partial video are not"
              + " reported");
    }
    if (segs.size() > count) {
      throw new IllegalStateException(
          "video " + id + ": " + segs.size() + " decoded segments for a plan of " + count);
    }
    for (int i = 0; i < count; i++) {
      if (segs.get(i).segment().index() != i) {
        throw new IllegalStateException("video " + id + ": segment " + i + " is missing or repeated");
      }
    }
    SegmentSignals first = segs.get(0);
    int total = 0;
    for (SegmentSignals s : segs) {
      total += s.frameCount();
      if (s.downscaleTarget() != first.downscaleTarget()
          || s.edges() != first.edges()
          || !s.metricSettings().equals(first.metricSettings())) {
        throw new IllegalStateException("video " + id + ": segments decoded with different settings");
      }
    }
    long[] pts = new long[total];
    double[] times = new double[total];
    double[] hue = new double[total];
    double[] sat = new double[total];
    double[] lum = new double[total];
    double[] edges = new double[total];
    MotionSample[] motion = new MotionSample[total];
    double[] averageRgb = new double[total];
    double[] hashDist = new double[total];
    double[] histDiff = new double[total];
    double[] lumaStd = new double[total];
    int thumbBytes = DetectorMetrics.THUMB * DetectorMetrics.THUMB;
    byte[] thumbnails = new byte[total * thumbBytes];
    double[] sharpness = new double[total];
    double[] brightness = new double[total];
    long[] phash = new long[total];
    int at = 0;
    byte[] previousLast = null;
    for (SegmentSignals s : segs) {
      int n = s.frameCount();
      if (n == 0) {
        continue;
      }
      System.arraycopy(s.pts(), 0, pts, at, n);
      System.arraycopy(s.deltaHue(), 0, hue, at, n);
      System.arraycopy(s.deltaSat(), 0, sat, at, n);
      System.arraycopy(s.deltaLum(), 0, lum, at, n);
      System.arraycopy(s.deltaEdges(), 0, edges, at, n);
      System.arraycopy(s.motion(), 0, motion, at, n);
      System.arraycopy(s.averageRgb(), 0, averageRgb, at, n);
      System.arraycopy(s.hashDist(), 0, hashDist, at, n);
      System.arraycopy(s.histDiff(), 0, histDiff, at, n);
      System.arraycopy(s.lumaStd(), 0, lumaStd, at, n);
      System.arraycopy(s.thumbnails(), 0, thumbnails, at * thumbBytes, n * thumbBytes);
      System.arraycopy(s.sharpness(), 0, sharpness, at, n);
      System.arraycopy(s.brightness(), 0, brightness, at, n);
      System.arraycopy(s.phash(), 0, phash, at, n);
      if (previousLast != null) {
        boundary(previousLast, s, at, hue, sat, lum, edges, motion);
        boundaryMetrics(previousLast, s, at, hashDist, histDiff);
      }
      previousLast = s.lastSmallPng();
      at += n;
    }
    for (int i = 0; i < total; i++) {
      times[i] = first.clock().seconds(pts[i]);
    }
    return new StitchedSignals(
        first.video(), first.clock(), pts, times, hue, sat, lum, edges, first.edges(), motion,
        averageRgb, hashDist, histDiff, lumaStd, thumbnails, sharpness, brightness, phash);
  }

  /** The hash and histogram differences of a segment's first frame to the previous one's last. */
  private static void boundaryMetrics(
      byte[] previousLastPng, SegmentSignals s, int at, double[] hashDist, double[] histDiff) {
    Mat prev = SmallFrames.fromPng(previousLastPng);
    Mat cur = SmallFrames.fromPng(s.firstSmallPng());
    try (DetectorMetrics metrics = new DetectorMetrics(s.metricSettings(), s.video().rotation())) {
      metrics.measure(prev);
      DetectorMetrics.Values v = metrics.measure(cur);
      hashDist[at] = v.hashDist();
      histDiff[at] = v.histDiff();
    } finally {
      prev.close();
      cur.close();
    }
  }

  private static void boundary(
      byte[] previousLastPng,
      SegmentSignals s,
      int at,
      double[] hue,
      double[] sat,
      double[] lum,
      double[] edges,
      MotionSample[] motion) {
    Mat prev = SmallFrames.fromPng(previousLastPng);
    Mat cur = SmallFrames.fromPng(s.firstSmallPng());
    try (ContentScorer scorer = new ContentScorer(s.edges())) {
      scorer.score(prev);
      ContentScorer.Deltas d = scorer.score(cur);
      hue[at] = d.hue();
      sat[at] = d.sat();
      lum[at] = d.lum();
      edges[at] = d.edges();
      if (s.motionFactory() != null) {
        MotionEstimator est = s.motionFactory().create();
        est.next(prev);
        MotionSample m = est.next(cur);
        motion[at] = m == null ? MotionSample.NONE : m;
      }
    } finally {
      prev.close();
      cur.close();
    }
  }
}
