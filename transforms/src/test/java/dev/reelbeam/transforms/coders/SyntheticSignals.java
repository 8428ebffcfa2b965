package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.LucasKanadeMotion;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The per-segment signals of a film as the decode pass makes them, with random values: every array
 * one entry a frame, motion from an estimator, the two small edge PNGs, 64-byte thumbnails.
 */
public final class SyntheticSignals {
  private SyntheticSignals() {}

  public static VideoInfo film(double seconds, double fps) {
    List<Double> keyframes = new ArrayList<>();
    for (double t = 0; t < seconds; t += 2) {
      keyframes.add(t);
    }
    return new VideoInfo("/films/two_hours.mp4", "two_hours_0123abcd", 1920, 1080, 1920, 1080, 0, fps, "24/1",
        seconds, Math.round(seconds * fps), 0, "h264", keyframes, true, 2, 48000, "size:123456789;mtime:1");
  }

  public static SegmentSignals segment(VideoInfo film, int index, int count, int frames, long seed) {
    Random r = new Random(seed);
    double start = index * film.durationSeconds() / count;
    long[] pts = new long[frames];
    double[][] cols = new double[8][frames];
    MotionSample[] motion = new MotionSample[frames];
    for (int k = 0; k < frames; k++) {
      pts[k] = Math.round((start + k / film.fps()) * 90000);
      for (double[] c : cols) {
        c[k] = r.nextDouble() * 40;
      }
      motion[k] = new MotionSample(r.nextGaussian(), r.nextGaussian(), 1 + r.nextGaussian() / 100,
          r.nextGaussian() / 10, r.nextDouble(), r.nextInt(200), r.nextBoolean());
    }
    if (index > 0) {
      cols[5][0] = Double.NaN; // hash and histogram differences of a later segment's first frame
      cols[6][0] = Double.NaN;
      motion[0] = MotionSample.NONE;
    }
    double[] sharpness = new double[frames];
    double[] brightness = new double[frames];
    long[] phash = new long[frames];
    for (int k = 0; k < frames; k++) {
      sharpness[k] = 500 * r.nextDouble();
      brightness[k] = 255 * r.nextDouble();
      phash[k] = r.nextLong();
    }
    byte[] first = new byte[24_000];
    byte[] last = new byte[24_000];
    byte[] thumbs = new byte[64 * frames];
    r.nextBytes(first);
    r.nextBytes(last);
    r.nextBytes(thumbs);
    return new SegmentSignals(
        new VideoSegment(film, index, count, start, start + film.durationSeconds() / count),
        new StreamClock(1, 90000, 0, 0), 256, false, pts, cols[0], cols[1], cols[2], new double[frames],
        motion, first, last, LucasKanadeMotion.factory(), 0, DetectorSettings.defaults(), cols[3], cols[5],
        cols[6], cols[7], thumbs, sharpness, brightness, phash);
  }
}
