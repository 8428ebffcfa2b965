package dev.reelbeam.pipelines.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scoring of gradual transitions (fades, dissolves) by overlap, as shot-boundary benchmarks score
 * them: an annotated and a detected transition match when their frame ranges share at least one
 * frame; matching is one to one, greedily, the pairs sharing the most frames first. Types are not
 * compared: a fade found as a dissolve still marks the boundary.
 */
public final class SpanMatching {
  private SpanMatching() {}

  /** A transition's frames {@code [start, end)}. */
  public record Span(long start, long end) {
    long overlap(Span o) {
      return Math.max(0, Math.min(end, o.end) - Math.max(start, o.start));
    }
  }

  public static CutMatching.Score score(List<Span> truth, List<Span> detected) {
    List<long[]> pairs = new ArrayList<>(); // {overlap, truth index, detected index}
    for (int t = 0; t < truth.size(); t++) {
      for (int d = 0; d < detected.size(); d++) {
        long shared = truth.get(t).overlap(detected.get(d));
        if (shared > 0) {
          pairs.add(new long[] {shared, t, d});
        }
      }
    }
    pairs.sort(Comparator.<long[]>comparingLong(p -> -p[0])
        .thenComparingLong(p -> p[1])
        .thenComparingLong(p -> p[2]));
    return CutMatching.greedily(pairs, truth.size(), detected.size());
  }
}
