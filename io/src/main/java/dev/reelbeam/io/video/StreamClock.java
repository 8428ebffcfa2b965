package dev.reelbeam.io.video;

import java.io.Serializable;

/**
 * The time base of a video stream and its start time: turns presentation timestamps into seconds
 * the one way every part of ReelBeam uses, so that the probe, the segment decoders and the frame
 * fetcher compute bit-identical times for the same frame.
 *
 * @param num time base numerator
 * @param den time base denominator
 * @param startPts the stream's start time in time-base units (0 when unknown)
 * @param formatStartMicros the container's start time in microseconds (0 when unknown); JavaCV's
 *     seek adds it to the requested timestamp
 */
public record StreamClock(long num, long den, long startPts, long formatStartMicros)
    implements Serializable {

  /** Seconds of {@code pts} after the stream start: {@code (pts - start) * num / den}, rounded once. */
  public double seconds(long pts) {
    return exactRatio(pts - startPts);
  }

  /**
   * Seconds between two timestamps, {@code max(0, a - b) * num / den} rounded once, as
   * PySceneDetect's timecode subtraction (exact rational, then float).
   */
  public double secondsBetween(long ptsA, long ptsB) {
    return exactRatio(Math.max(0, ptsA - ptsB));
  }

  private double exactRatio(long ticks) {
    long n;
    try {
      n = Math.multiplyExact(ticks, num);
    } catch (ArithmeticException e) {
      return new java.math.BigDecimal(ticks)
          .multiply(java.math.BigDecimal.valueOf(num))
          .divide(java.math.BigDecimal.valueOf(den), java.math.MathContext.DECIMAL128)
          .doubleValue();
    }
    if (Math.abs(n) < (1L << 53) && den < (1L << 53)) {
      return (double) n / (double) den; // both exact: one correctly rounded division
    }
    return new java.math.BigDecimal(n)
        .divide(java.math.BigDecimal.valueOf(den), java.math.MathContext.DECIMAL128)
        .doubleValue();
  }

  /**
   * The JavaCV seek argument (microseconds, container start subtracted) that lands a backward seek
   * on the keyframe at {@code pts}: rounded up, so the seek never falls to the keyframe before.
   */
  long seekMicros(long pts) {
    java.math.BigInteger us =
        java.math.BigInteger.valueOf(pts)
            .multiply(java.math.BigInteger.valueOf(1_000_000L * num));
    java.math.BigInteger[] qr = us.divideAndRemainder(java.math.BigInteger.valueOf(den));
    long micros = qr[0].longValue() + (qr[1].signum() > 0 ? 1 : 0);
    return micros - formatStartMicros;
  }
}
