package dev.reelbeam.transforms.outputs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formats of PySceneDetect's CSV files, so that ours read the same: timecodes
 * {@code HH:MM:SS.nnn}, seconds with three decimals (Python's {@code f"{x:.3f}"}), and metric
 * values as Python's {@code str(float)}.
 */
public final class Timecodes {
  private Timecodes() {}

  /** {@code HH:MM:SS.nnn}, the seconds rounded to milliseconds half-even on the exact binary value. */
  public static String timecode(double seconds) {
    double secs = Math.max(0.0, seconds);
    long hours = (long) (secs / 3600.0);
    secs -= hours * 3600.0;
    long minutes = (long) (secs / 60.0);
    secs = Math.max(0.0, secs - minutes * 60.0);
    BigDecimal rounded = new BigDecimal(secs).setScale(3, RoundingMode.HALF_EVEN);
    if (rounded.compareTo(BigDecimal.valueOf(60)) >= 0) {
      rounded = BigDecimal.ZERO.setScale(3);
      minutes += 1;
      if (minutes >= 60) {
        minutes = 0;
        hours += 1;
      }
    }
    long whole = rounded.longValue();
    String millis = rounded.toPlainString();
    millis = millis.substring(millis.indexOf('.'));
    // String.format costs microseconds a call, and a stats CSV has a row per frame
    StringBuilder b = new StringBuilder(12 + millis.length());
    twoDigits(b, hours).append(':');
    twoDigits(b, minutes).append(':');
    return twoDigits(b, whole).append(millis).toString();
  }

  /** {@code %02d}: at least two digits, zero-padded. */
  private static StringBuilder twoDigits(StringBuilder b, long v) {
    if (v >= 0 && v < 10) {
      b.append('0');
    }
    return b.append(v);
  }

  /** Python's {@code f"{x:.3f}"}: exact binary value rounded half-even to three decimals. */
  public static String seconds3(double seconds) {
    return new BigDecimal(seconds).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Python's {@code str(float)}: shortest repr, plain between 1e-4 and 1e16, else scientific. */
  public static String pyFloat(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0.0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
    double abs = Math.abs(x);
    if (abs >= 1e-4 && abs < 1e16) {
      String plain = d.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = x < 0 ? "-" : "";
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
