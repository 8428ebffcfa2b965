package dev.reelbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's number format keeps the text the regular expressions it replaced gave. */
class HtmlReportFormatTest {

  private static String byRegex(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (decimals > 0) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }

  @Test
  void sameTextAsTheRegularExpressions() {
    double[] fixed = {0, -0.0, 1, 10, 100, 0.5, -0.5, 0.0004, -0.0004, 29.97002997, 1e-9, 120.0, 2.50,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300};
    Random rnd = new Random(1);
    for (int d = 0; d <= 6; d++) {
      for (double v : fixed) {
        assertEquals(byRegex(v, d), HtmlReport.fmt(v, d), v + " to " + d);
      }
      for (int i = 0; i < 2000; i++) {
        double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(7) - 2);
        if (i % 3 == 0) {
          v = Math.round(v * 100) / 100.0;
        }
        assertEquals(byRegex(v, d), HtmlReport.fmt(v, d), v + " to " + d);
      }
    }
  }
}
