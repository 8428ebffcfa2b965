package dev.reelbeam.transforms.composition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The composition formulas, on a {@link WeightMap}. Plain Java, no image library: the constructed
 * maps of the unit tests pin them. Notation: {@code w(p)} the weight at pixel p normalised so the
 * map sums to 1, positions in fractions of width and height, the four power points at
 * {@code (1/3 | 2/3, 1/3 | 2/3)}.
 *
 * <ul>
 *   <li>Rule of thirds, point term (Liu et al. 2010, "Optimizing Photo Composition", E_point):
 *       {@code sum_i M_i exp(-d_i^2 / (2 * 0.17^2)) / sum_i M_i} over the subjects i, M_i their
 *       weight, d_i the distance from their centroid to the nearest power point.
 *   <li>Rule of thirds, line term: {@code sum_p w(p) max(g(dx_p), g(dy_p))}, dx_p / dy_p the
 *       distance to the nearest vertical / horizontal third line, {@code g(d) = exp(-d^2 / (2 * 0.05^2))}.
 *   <li>Power point usage k: {@code sum_p w(p) exp(-|p - P_k|^2 / (2 * 0.1^2))}.
 *   <li>Symmetry left-right: {@code 1 - sum_p |w(x, y) - w(W-1-x, y)| / 2}; top-bottom likewise.
 *   <li>Balance (Liu et al. 2010, E_VB): {@code exp(-|c - (0.5, 0.5)|^2 / (2 * 0.2^2))}, c the
 *       weighted centre of mass; side ratios {@code min(L, R) / max(L, R)} and {@code min(T, B) / max(T, B)}.
 * </ul>
 */
public final class CompositionMetrics {

  public static final double SIGMA_POINT = 0.17;
  public static final double SIGMA_LINE = 0.05;
  public static final double SIGMA_USAGE = 0.1;
  public static final double SIGMA_BALANCE = 0.2;
  public static final double W_THIRDS_POINTS = 0.6;
  public static final double W_THIRDS_LINES = 0.4;
  public static final double W_CENTER_BALANCE = 0.5;
  public static final double W_SIDE_BALANCE = 0.25;
  public static final double W_OVERALL_THIRDS = 0.5;
  public static final double W_OVERALL_BALANCE = 0.3;
  public static final double W_OVERALL_SYMMETRY = 0.2;
  /** A pixel belongs to a subject when its weight reaches this fraction of the map's maximum... */
  public static final double SUBJECT_OF_MAX = 0.3;
  /** ...and this multiple of the map's mean (Achanta et al. 2009 threshold saliency at twice its mean). */
  public static final double SUBJECT_OF_MEAN = 2.0;
  /** Regions holding less than this share of the weight are not subjects. */
  public static final double SUBJECT_MIN_SHARE = 0.01;
  public static final int MAX_SUBJECTS = 3;

  public static final List<String> POWER_POINTS = List.of("top_left", "top_right", "bottom_left", "bottom_right");
  static final double[][] POINTS = {{1 / 3.0, 1 / 3.0}, {2 / 3.0, 1 / 3.0}, {1 / 3.0, 2 / 3.0}, {2 / 3.0, 2 / 3.0}};

  private CompositionMetrics() {}

  public static CompositionScores score(WeightMap map) {
    int w = map.width();
    int h = map.height();
    double total = map.total();
    double[] p = new double[w * h];
    if (total > 0) {
      for (int i = 0; i < p.length; i++) {
        p[i] = map.values()[i] / total;
      }
    } else {
      java.util.Arrays.fill(p, 1.0 / p.length); // an empty frame weighs the same everywhere
    }

    double cx = 0;
    double cy = 0;
    double left = 0;
    double top = 0;
    double lines = 0;
    double[] usage = new double[4];
    PositionTerms terms = PositionTerms.of(map);
    double[] lineTerm = terms.line();
    double[] usageTerm = terms.usage();
    for (int y = 0; y < h; y++) {
      double fy = map.fy(y);
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double v = p[i];
        if (v == 0) {
          continue;
        }
        double fx = map.fx(x);
        cx += v * fx;
        cy += v * fy;
        left += fx < 0.5 ? v : fx == 0.5 ? v / 2 : 0;
        top += fy < 0.5 ? v : fy == 0.5 ? v / 2 : 0;
        lines += v * lineTerm[i];
        for (int k = 0; k < 4; k++) {
          usage[k] += v * usageTerm[4 * i + k];
        }
      }
    }
    double right = 1 - left;
    double bottom = 1 - top;

    double symLr = 0;
    double symTb = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = p[y * w + x];
        symLr += Math.abs(v - p[y * w + (w - 1 - x)]);
        symTb += Math.abs(v - p[(h - 1 - y) * w + x]);
      }
    }
    symLr = clamp(1 - symLr / 2);
    symTb = clamp(1 - symTb / 2);

    List<Subject> subjects = subjects(map, p);
    double pointTerm;
    if (subjects.isEmpty()) {
      pointTerm = gauss(nearestPoint(cx, cy)[1], SIGMA_POINT);
    } else {
      double num = 0;
      double den = 0;
      for (Subject s : subjects) {
        num += s.weightShare() * gauss(s.powerPointDistance(), SIGMA_POINT);
        den += s.weightShare();
      }
      pointTerm = num / den;
    }
    double thirds = clamp(W_THIRDS_POINTS * pointTerm + W_THIRDS_LINES * lines);
    double centre = gauss(Math.hypot(cx - 0.5, cy - 0.5), SIGMA_BALANCE);
    double lr = ratio(left, right);
    double tb = ratio(top, bottom);
    double balance = clamp(W_CENTER_BALANCE * centre + W_SIDE_BALANCE * lr + W_SIDE_BALANCE * tb);
    double symmetry = Math.max(symLr, symTb);
    double overall = clamp(W_OVERALL_THIRDS * thirds + W_OVERALL_BALANCE * balance + W_OVERALL_SYMMETRY * symmetry);
    List<Double> pp = new ArrayList<>(4);
    for (double u : usage) {
      pp.add(clamp(u));
    }
    return new CompositionScores(thirds, clamp(pointTerm), clamp(lines), pp, symmetry, symLr, symTb,
        balance, centre, lr, tb, cx - 0.5, cy - 0.5, subjects, overall);
  }

  /** Connected regions (8-neighbourhood) of pixels above the subject threshold, heaviest first. */
  static List<Subject> subjects(WeightMap map, double[] p) {
    int w = map.width();
    int h = map.height();
    double max = 0;
    for (double v : p) {
      max = Math.max(max, v);
    }
    double threshold = Math.max(SUBJECT_OF_MAX * max, SUBJECT_OF_MEAN / p.length);
    int[] label = new int[p.length];
    List<Subject> out = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int next = 0;
    for (int start = 0; start < p.length; start++) {
      if (label[start] != 0 || p[start] < threshold || p[start] <= 0) {
        continue;
      }
      next++;
      label[start] = next;
      queue.add(start);
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      int count = 0;
      double mass = 0;
      double sx = 0;
      double sy = 0;
      while (!queue.isEmpty()) {
        int i = queue.poll();
        int x = i % w;
        int y = i / w;
        count++;
        mass += p[i];
        sx += p[i] * map.fx(x);
        sy += p[i] * map.fy(y);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
              continue;
            }
            int j = ny * w + nx;
            if (label[j] == 0 && p[j] >= threshold) {
              label[j] = next;
              queue.add(j);
            }
          }
        }
      }
      if (mass < SUBJECT_MIN_SHARE) {
        continue;
      }
      double ccx = sx / mass;
      double ccy = sy / mass;
      double[] near = nearestPoint(ccx, ccy);
      out.add(new Subject((double) minX / w, (double) minY / h, (double) (maxX - minX + 1) / w,
          (double) (maxY - minY + 1) / h, (double) count / p.length, mass, ccx, ccy,
          POWER_POINTS.get((int) near[0]), near[1]));
    }
    out.sort(Comparator.comparingDouble(Subject::weightShare).reversed());
    return out.size() > MAX_SUBJECTS ? List.copyOf(out.subList(0, MAX_SUBJECTS)) : List.copyOf(out);
  }

  /** {index of the nearest power point, distance to it}. */
  static double[] nearestPoint(double x, double y) {
    int best = 0;
    double d = Double.MAX_VALUE;
    for (int k = 0; k < 4; k++) {
      double dk = Math.hypot(x - POINTS[k][0], y - POINTS[k][1]);
      if (dk < d - 1e-12) {
        d = dk;
        best = k;
      }
    }
    return new double[] {best, d};
  }

  /**
   * The line term's {@code max(g(dx_p), g(dy_p))} and the four power points' usage weights of
   * every pixel, which depend on the map's size alone: every keyframe of a video has the same map
   * size, and computing them per keyframe was six {@code exp} and four {@code hypot} a pixel, a
   * third of the scoring. The same expressions on the same values, so the same bits.
   */
  record PositionTerms(int width, int height, double[] line, double[] usage) {
    /** A few map sizes at most in a run (one per aspect ratio); bounded anyway. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, PositionTerms> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED = 16;

    static PositionTerms of(WeightMap map) {
      long key = ((long) map.width() << 32) | map.height();
      PositionTerms t = CACHE.get(key);
      if (t == null) {
        t = compute(map);
        if (CACHE.size() >= MAX_CACHED) {
          CACHE.clear();
        }
        CACHE.putIfAbsent(key, t);
      }
      return t;
    }

    private static PositionTerms compute(WeightMap map) {
      int w = map.width();
      int h = map.height();
      double[] line = new double[w * h];
      double[] usage = new double[4 * w * h];
      for (int y = 0; y < h; y++) {
        double fy = map.fy(y);
        double dyLine = Math.min(Math.abs(fy - 1 / 3.0), Math.abs(fy - 2 / 3.0));
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          double fx = map.fx(x);
          double dxLine = Math.min(Math.abs(fx - 1 / 3.0), Math.abs(fx - 2 / 3.0));
          line[i] = Math.max(gauss(dxLine, SIGMA_LINE), gauss(dyLine, SIGMA_LINE));
          for (int k = 0; k < 4; k++) {
            usage[4 * i + k] = gauss(Math.hypot(fx - POINTS[k][0], fy - POINTS[k][1]), SIGMA_USAGE);
          }
        }
      }
      return new PositionTerms(w, h, line, usage);
    }
  }

  static double gauss(double d, double sigma) {
    return Math.exp(-d * d / (2 * sigma * sigma));
  }

  static double ratio(double a, double b) {
    double hi = Math.max(a, b);
    return hi <= 0 ? 1 : Math.min(a, b) / hi;
  }

  static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
