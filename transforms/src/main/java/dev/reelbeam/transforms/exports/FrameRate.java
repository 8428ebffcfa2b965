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
   * The rate from FFmpeg's {@code "num/den"} text (or a plain number); when that is missing or
   * unusable, from {@code fps}.
   */
  public static FrameRate of(String rational, double fps) {
    if (rational != null) {
      String text = rational.trim();
      try {
        int slash = text.indexOf('/');
        if (slash > 0) {
          long num = Long.parseLong(text.substring(0, slash).trim());
          long den = Long.parseLong(text.substring(slash + 1).trim());
          if (num > 0 && den > 0) {
            return new FrameRate(num, den);
          }
        } else if (!text.isEmpty()) {
          double value = Double.parseDouble(text);
          if (value > 0 && Double.isFinite(value)) {
            return ofFps(value);
          }
        }
      } catch (NumberFormatException e) {
        // Not a rate FFmpeg writes; the decimal fps below is the fallback by design.
      }
    }
    return ofFps(fps);
  }

  /**
   * A decimal rate as a fraction: N*1000/1001 when it is within 0.001 of one (the NTSC family,
   * snapped as PySceneDetect does), a whole number when within 0.001 of one, else millihertz.
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
    return new FrameRate(Math.round(fps * 1000), 1000);
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
