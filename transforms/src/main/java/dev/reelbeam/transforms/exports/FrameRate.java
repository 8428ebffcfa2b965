package dev.reelbeam.transforms.exports;

import java.io.Serializable;

/**
 * An exact frame rate as a fraction, so that frame numbers and times convert without drift
 * (29.97 is 30000/1001, 23.976 is 24000/1001).
 *
 * @param numerator frames
 * @param denominator per this many seconds
 */
public record FrameRate(long numerator, long denominator) implements Serializable {

  public FrameRate {
    if (numerator <= 0 || denominator <= 0) {
      throw new IllegalArgumentException("frame rate must be positive: " + numerator + "/" + denominator);
    }
    long g = gcd(numerator, denominator);
    numerator /= g;
    denominator /= g;
  }

  /**
   * The rate of a video: FFmpeg's {@code "num/den"} text when it agrees with {@code fps} (the rate
   * the detector used, snapped as PySceneDetect snaps it), else {@code fps} as a fraction. A
   * variable-rate stream's average rate ({@code "359640/12001"}) thus becomes the snapped rate the
   * cuts were numbered with.
   */
  public static FrameRate of(String rational, double fps) {
    FrameRate parsed = parse(rational);
    boolean usableFps = fps > 0 && Double.isFinite(fps);
    if (parsed != null && (!usableFps || Math.abs(parsed.fps() - fps) < 1e-9 * fps)) {
      return parsed;
    }
    return ofFps(fps);
  }

  /** {@code "num/den"} or a decimal; null when the text is not a positive rate. */
  static FrameRate parse(String rational) {
    if (rational == null) {
      return null;
    }
    String text = rational.trim();
    try {
      int slash = text.indexOf('/');
      if (slash > 0) {
        long num = Long.parseLong(text.substring(0, slash).trim());
        long den = Long.parseLong(text.substring(slash + 1).trim());
        return num > 0 && den > 0 ? new FrameRate(num, den) : null;
      }
      if (!text.isEmpty()) {
        double value = Double.parseDouble(text);
        return value > 0 && Double.isFinite(value) ? ofFps(value) : null;
      }
    } catch (NumberFormatException e) {
      // Not a rate FFmpeg writes: the caller falls back to the decimal fps, by design.
    }
    return null;
  }

  /**
   * A decimal rate as a fraction: a whole number when within 0.001 of one, N*1000/1001 when within
   * 0.001 of that (the NTSC family, as PySceneDetect snaps it), else the closest fraction with a
   * denominator up to 10,000.
   */
  public static FrameRate ofFps(double fps) {
    if (!(fps > 0) || !Double.isFinite(fps)) {
      throw new IllegalArgumentException("frame rate must be positive: " + fps);
    }
    long whole = Math.round(fps);
    if (whole > 0 && Math.abs(fps - whole) < 0.001) {
      return new FrameRate(whole, 1);
    }
    long ntsc = Math.round(fps * 1001.0 / 1000.0);
    if (ntsc > 0 && Math.abs(fps - ntsc * 1000.0 / 1001.0) < 0.001) {
      return new FrameRate(ntsc * 1000, 1001);
    }
    return closest(fps, 10_000);
  }

  /** The best rational approximation of {@code x} with a denominator up to {@code maxDen} (continued fractions). */
  static FrameRate closest(double x, long maxDen) {
    long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
    double rest = x;
    while (true) {
      long a = (long) Math.floor(rest);
      long q2 = q0 + a * q1;
      if (q2 > maxDen) {
        // The best semiconvergent within the bound competes with the last convergent.
        long k = (maxDen - q0) / q1;
        long pk = p0 + k * p1;
        long qk = q0 + k * q1;
        if (k > 0 && Math.abs((double) pk / qk - x) < Math.abs((double) p1 / q1 - x)) {
          return new FrameRate(pk, qk);
        }
        break;
      }
      long p2 = p0 + a * p1;
      p0 = p1;
      q0 = q1;
      p1 = p2;
      q1 = q2;
      double frac = rest - a;
      if (frac < 1e-12 || Math.abs((double) p1 / q1 - x) < 1e-15 * x) {
        break;
      }
      rest = 1.0 / frac;
    }
    return new FrameRate(Math.max(1, p1), q1);
  }

  /** Frames per second as a double (what OTIO's {@code rate} holds). */
  public double fps() {
    return (double) numerator / denominator;
  }

  /**
   * Frames per timecode second: the rate rounded to a whole number (30 for 29.97, 24 for 23.976),
   * at least 1. SMPTE non-drop-frame timecode counts this many frames to a timecode second.
   */
  public int timebase() {
    return (int) Math.max(1, Math.round(fps()));
  }

  /** Whether the timebase differs from the real rate (an NTSC rate such as 29.97). */
  public boolean isFractional() {
    return denominator != 1;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
