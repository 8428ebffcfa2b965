package dev.reelbeam.pipelines.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PySceneDetect's benchmark scoring of cuts: detected and true cuts are matched one to one,
 * greedily, closest pairs first, a pair only when the two are at most {@code tolerance} frames
 * apart; matched detections are true positives.
 */
public final class CutMatching {
  private CutMatching() {}

  /** Counts for one video or a sum of videos. */
  public record Score(int truth, int detected, int matched) {
    public double precision() {
      return detected == 0 ? (truth == 0 ? 1.0 : 0.0) : (double) matched / detected;
    }

    public double recall() {
      return truth == 0 ? 1.0 : (double) matched / truth;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    public Score plus(Score o) {
      return new Score(truth + o.truth, detected + o.detected, matched + o.matched);
    }
  }

  public static Score score(List<Long> truth, List<Long> detected, int tolerance) {
    List<long[]> pairs = new ArrayList<>(); // {distance, truth index, detected index}
    for (int t = 0; t < truth.size(); t++) {
      for (int d = 0; d < detected.size(); d++) {
        long dist = Math.abs(truth.get(t) - detected.get(d));
        if (dist <= tolerance) {
          pairs.add(new long[] {dist, t, d});
        }
      }
    }
    pairs.sort(Comparator.<long[]>comparingLong(p -> p[0])
        .thenComparingLong(p -> p[1])
        .thenComparingLong(p -> p[2]));
    return greedily(pairs, truth.size(), detected.size());
  }

  /**
   * Matches {@code pairs} ({@code {key, truth index, detected index}}) one to one in the order
   * given, each pair taken when neither side is taken yet.
   */
  static Score greedily(List<long[]> pairs, int truth, int detected) {
    boolean[] usedTruth = new boolean[truth];
    boolean[] usedDetected = new boolean[detected];
    int matched = 0;
    for (long[] p : pairs) {
      if (!usedTruth[(int) p[1]] && !usedDetected[(int) p[2]]) {
        usedTruth[(int) p[1]] = true;
        usedDetected[(int) p[2]] = true;
        matched++;
      }
    }
    return new Score(truth, detected, matched);
  }
}
