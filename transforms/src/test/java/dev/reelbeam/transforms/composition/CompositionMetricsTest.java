package dev.reelbeam.transforms.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The formulas on weight maps built by hand, whose answers are known in closed form. */
class CompositionMetricsTest {
  static final int W = 90;
  static final int H = 60;

  /** A 4x4 px blob of weight 1 whose pixel centres average exactly to (fx, fy). */
  static WeightMap blob(double fx, double fy) {
    double[] v = new double[W * H];
    int cx = (int) Math.round(fx * W);
    int cy = (int) Math.round(fy * H);
    for (int y = cy - 2; y <= cy + 1; y++) {
      for (int x = cx - 2; x <= cx + 1; x++) {
        v[y * W + x] = 1;
      }
    }
    return new WeightMap(W, H, v);
  }

  @Test
  void blobOnAPowerPointScoresFullPointTermAndUsage() {
    CompositionScores s = CompositionMetrics.score(blob(1 / 3.0, 2 / 3.0));
    assertEquals(1, s.subjects().size());
    Subject sub = s.subjects().get(0);
    assertEquals("bottom_left", sub.nearestPowerPoint());
    assertTrue(sub.powerPointDistance() < 1e-9, "distance " + sub.powerPointDistance());
    assertEquals(1.0, s.thirdsPoints(), 0.01);
    // both third lines pass through it: each pixel sits 0.5 or 1.5 px off them
    double lines = 0;
    double usage = 0;
    double[] off = {-1.5, -0.5, 0.5, 1.5};
    for (double dx : off) {
      for (double dy : off) {
        lines += Math.max(g(dx / W, 0.05), g(dy / H, 0.05)) / 16;
        usage += g(Math.hypot(dx / W, dy / H), 0.1) / 16;
      }
    }
    assertEquals(lines, s.thirdsLines(), 1e-9);
    assertTrue(lines > 0.95);
    assertEquals(0.6 + 0.4 * lines, s.thirds(), 1e-9);
    assertEquals(usage, s.powerPoints().get(2), 1e-9);
    // the other power points are 1/3 or more away: exp(-(1/3)^2 / (2 * 0.1^2)) = 0.0039
    assertTrue(s.powerPoints().get(1) < 0.005);
    assertEquals(16.0 / (W * H), sub.areaRatio(), 1e-9);
    assertEquals(1.0, sub.weightShare(), 1e-9);
  }

  static double g(double d, double sigma) {
    return Math.exp(-d * d / (2 * sigma * sigma));
  }

  @Test
  void blobInTheCentreFollowsLiusGaussian() {
    CompositionScores s = CompositionMetrics.score(blob(0.5, 0.5));
    double d = Math.hypot(1 / 6.0, 1 / 6.0);
    double expected = Math.exp(-d * d / (2 * 0.17 * 0.17)); // 0.382
    assertEquals(expected, s.thirdsPoints(), 1e-9);
    assertEquals(1.0, s.centerBalance(), 0.01);
    assertEquals(1.0, s.balanceLeftRight(), 0.05);
    assertEquals(1.0, s.symmetryLeftRight(), 0.05);
    assertTrue(s.thirds() < CompositionMetrics.score(blob(1 / 3.0, 1 / 3.0)).thirds());
  }

  @Test
  void mirroredMapIsFullySymmetric() {
    double[] v = new double[W * H];
    java.util.Random rnd = new java.util.Random(3);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W / 2; x++) {
        double r = rnd.nextDouble();
        v[y * W + x] = r;
        v[y * W + (W - 1 - x)] = r;
      }
    }
    CompositionScores s = CompositionMetrics.score(new WeightMap(W, H, v));
    assertEquals(1.0, s.symmetryLeftRight(), 1e-9);
    assertTrue(s.symmetryTopBottom() < 0.9, "random rows are not top-bottom symmetric");
    assertEquals(1.0, s.symmetry(), 1e-9);
    assertEquals(1.0, s.balanceLeftRight(), 1e-9);
    assertEquals(0.0, s.centerOffsetX(), 1e-9);
  }

  @Test
  void allWeightOnOneSide() {
    double[] v = new double[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W / 2; x++) {
        v[y * W + x] = 1;
      }
    }
    CompositionScores s = CompositionMetrics.score(new WeightMap(W, H, v));
    assertEquals(0.0, s.balanceLeftRight(), 1e-9);
    assertEquals(1.0, s.balanceTopBottom(), 1e-9);
    assertEquals(-0.25, s.centerOffsetX(), 1e-9);
    assertEquals(0.0, s.centerOffsetY(), 1e-9);
    assertEquals(Math.exp(-0.0625 / 0.08), s.centerBalance(), 1e-9);
    assertEquals(0.0, s.symmetryLeftRight(), 1e-9);
    assertEquals(1.0, s.symmetryTopBottom(), 1e-9);
    assertEquals(0.5 * Math.exp(-0.0625 / 0.08) + 0.25 * 0 + 0.25 * 1, s.balance(), 1e-9);
  }

  @Test
  void everyScoreIsInTheUnitInterval() {
    java.util.Random rnd = new java.util.Random(11);
    for (int trial = 0; trial < 20; trial++) {
      double[] v = new double[W * H];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextDouble() < 0.1 ? rnd.nextDouble() * 5 : 0;
      }
      CompositionScores s = CompositionMetrics.score(new WeightMap(W, H, v));
      for (double x : new double[] {s.thirds(), s.thirdsPoints(), s.thirdsLines(), s.symmetry(),
          s.symmetryLeftRight(), s.symmetryTopBottom(), s.balance(), s.centerBalance(),
          s.balanceLeftRight(), s.balanceTopBottom(), s.overall()}) {
        assertTrue(x >= 0 && x <= 1, "score " + x);
      }
      double o = 0.5 * s.thirds() + 0.3 * s.balance() + 0.2 * s.symmetry();
      assertEquals(o, s.overall(), 1e-12);
    }
    CompositionScores empty = CompositionMetrics.score(new WeightMap(W, H, new double[W * H]));
    assertEquals(1.0, empty.symmetry(), 1e-9);
    assertEquals(0, empty.subjects().size());
  }

  /**
   * The line term and the power points' usage, whose per-pixel weights are computed once per map
   * size, are the same bits as the per-pixel formula, on random maps of three sizes scored in turn
   * (so a cached size is reused after another).
   */
  @Test
  void cachedPositionTermsGiveTheFormulasBits() {
    java.util.Random rnd = new java.util.Random(5);
    int[][] sizes = {{128, 72}, {96, 128}, {128, 72}, {7, 3}, {96, 128}};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      double[] v = new double[w * h];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble();
      }
      WeightMap map = new WeightMap(w, h, v);
      double total = map.total();
      double lines = 0;
      double[] usage = new double[4];
      for (int y = 0; y < h; y++) {
        double fy = map.fy(y);
        double dyLine = Math.min(Math.abs(fy - 1 / 3.0), Math.abs(fy - 2 / 3.0));
        for (int x = 0; x < w; x++) {
          double p = v[y * w + x] / total;
          if (p == 0) {
            continue;
          }
          double fx = map.fx(x);
          double dxLine = Math.min(Math.abs(fx - 1 / 3.0), Math.abs(fx - 2 / 3.0));
          lines += p * Math.max(CompositionMetrics.gauss(dxLine, 0.05), CompositionMetrics.gauss(dyLine, 0.05));
          for (int k = 0; k < 4; k++) {
            usage[k] += p * CompositionMetrics.gauss(
                Math.hypot(fx - CompositionMetrics.POINTS[k][0], fy - CompositionMetrics.POINTS[k][1]), 0.1);
          }
        }
      }
      CompositionScores s = CompositionMetrics.score(map);
      assertEquals(Math.max(0, Math.min(1, lines)), s.thirdsLines(), 0.0, w + "x" + h);
      for (int k = 0; k < 4; k++) {
        assertEquals(Math.max(0, Math.min(1, usage[k])), s.powerPoints().get(k), 0.0, w + "x" + h + " point " + k);
      }
    }
  }
}
