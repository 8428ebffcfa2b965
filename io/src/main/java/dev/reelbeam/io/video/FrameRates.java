package dev.reelbeam.io.video;

/**
 * Frame-rate snapping as PySceneDetect's {@code framerate_to_fraction} does it for a float rate:
 * whole numbers stay, rates within 1e-3 of N*1000/1001 become exactly that, anything else is the
 * closest fraction with a denominator up to 10000.
 */
public final class FrameRates {
  private FrameRates() {}

  /** The snapped rate as a double, computed as the float of the exact fraction. */
  public static double snap(double fps) {
    if (!(fps > 1e-9) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("frame rate must be positive: " + fps);
    }
    if (fps == Math.floor(fps)) {
      return fps;
    }
    double base = Math.rint(fps * 1001 / 1000);
    if (base > 0 && Math.abs(base * 1000 / 1001 - fps) < 1e-3) {
      return (base * 1000) / 1001.0;
    }
    long[] f = limitDenominator(fps, 10000);
    return (double) f[0] / (double) f[1];
  }

  /** Python's {@code Fraction(x).limit_denominator(maxDen)} for a positive double. */
  static long[] limitDenominator(double x, long maxDen) {
    // exact binary value of x as n/d
    java.math.BigDecimal bd = new java.math.BigDecimal(x);
    java.math.BigInteger n = bd.unscaledValue();
    java.math.BigInteger d = java.math.BigInteger.TEN.pow(Math.max(0, bd.scale()));
    if (bd.scale() < 0) {
      n = n.multiply(java.math.BigInteger.TEN.pow(-bd.scale()));
    }
    java.math.BigInteger g = n.gcd(d);
    n = n.divide(g);
    d = d.divide(g);
    java.math.BigInteger max = java.math.BigInteger.valueOf(maxDen);
    if (d.compareTo(max) <= 0) {
      return new long[] {n.longValueExact(), d.longValueExact()};
    }
    java.math.BigInteger p0 = java.math.BigInteger.ZERO, q0 = java.math.BigInteger.ONE;
    java.math.BigInteger p1 = java.math.BigInteger.ONE, q1 = java.math.BigInteger.ZERO;
    java.math.BigInteger nn = n, dd = d;
    while (true) {
      java.math.BigInteger a = nn.divide(dd);
      java.math.BigInteger q2 = q0.add(a.multiply(q1));
      if (q2.compareTo(max) > 0) {
        break;
      }
      java.math.BigInteger p2 = p0.add(a.multiply(p1));
      p0 = p1;
      q0 = q1;
      p1 = p2;
      q1 = q2;
      java.math.BigInteger r = nn.subtract(a.multiply(dd));
      nn = dd;
      dd = r;
      if (dd.signum() == 0) {
        break;
      }
    }
    java.math.BigInteger k = max.subtract(q0).divide(q1);
    java.math.BigInteger b1n = p0.add(k.multiply(p1)), b1d = q0.add(k.multiply(q1));
    java.math.BigInteger b2n = p1, b2d = q1;
    // choose the closer of b2 and b1 (b2 on ties), comparing |b - x| exactly
    java.math.BigInteger diff2 = b2n.multiply(d).subtract(n.multiply(b2d)).abs().multiply(b1d);
    java.math.BigInteger diff1 = b1n.multiply(d).subtract(n.multiply(b1d)).abs().multiply(b2d);
    if (diff2.compareTo(diff1) <= 0) {
      return new long[] {b2n.longValueExact(), b2d.longValueExact()};
    }
    return new long[] {b1n.longValueExact(), b1d.longValueExact()};
  }
}
