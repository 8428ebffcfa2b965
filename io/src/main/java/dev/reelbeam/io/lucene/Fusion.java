package dev.reelbeam.io.lucene;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fusing several rankings of the same chunks into one. */
public final class Fusion {
  private Fusion() {}

  /**
   * Relative score fusion: each ranking's scores are min-max scaled to [0, 1] over the hits it
   * returned, weighted, and summed per chunk (a chunk missing from a ranking gets 0 there). Unlike
   * reciprocal rank fusion it keeps how far apart the hits are: a vector hit far ahead of the rest
   * stays ahead. Ties go to the earlier ranking's order.
   */
  public static List<SearchHit> relativeScore(
      List<List<SearchHit>> rankings, double[] weights, int limit) {
    if (weights.length != rankings.size()) {
      throw new IllegalArgumentException(
          weights.length + " weights for " + rankings.size() + " rankings");
    }
    Map<String, Double> score = new LinkedHashMap<>();
    Map<String, SearchHit> hit = new HashMap<>();
    Map<String, Integer> firstSeen = new HashMap<>();
    int order = 0;
    for (int r = 0; r < rankings.size(); r++) {
      List<SearchHit> ranking = rankings.get(r);
      if (ranking.isEmpty()) {
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      double min = Double.POSITIVE_INFINITY;
      for (SearchHit h : ranking) {
        max = Math.max(max, h.score());
        min = Math.min(min, h.score());
      }
      for (SearchHit h : ranking) {
        double scaled = max > min ? (h.score() - min) / (max - min) : 1.0;
        score.merge(h.chunkId(), weights[r] * scaled, Double::sum);
        hit.putIfAbsent(h.chunkId(), h);
        firstSeen.putIfAbsent(h.chunkId(), order++);
      }
    }
    return ranked(score, hit, firstSeen, limit);
  }

  /**
   * Reciprocal rank fusion: a chunk's score is the sum over the rankings of {@code 1 / (k +
   * rank)}. Rank-based, so BM25's unbounded scores and cosine similarities need no calibration.
   * Ties go to the earlier ranking's order.
   */
  public static List<SearchHit> reciprocalRank(List<List<SearchHit>> rankings, int k, int limit) {
    Map<String, Double> score = new LinkedHashMap<>();
    Map<String, SearchHit> hit = new HashMap<>();
    Map<String, Integer> firstSeen = new HashMap<>();
    int order = 0;
    for (List<SearchHit> ranking : rankings) {
      for (SearchHit h : ranking) {
        score.merge(h.chunkId(), 1.0 / (k + h.rank()), Double::sum);
        hit.putIfAbsent(h.chunkId(), h);
        firstSeen.putIfAbsent(h.chunkId(), order++);
      }
    }
    return ranked(score, hit, firstSeen, limit);
  }

  private static List<SearchHit> ranked(Map<String, Double> score, Map<String, SearchHit> hit,
      Map<String, Integer> firstSeen, int limit) {
    List<String> ids = new ArrayList<>(score.keySet());
    ids.sort((a, b) -> {
      int c = Double.compare(score.get(b), score.get(a));
      return c != 0 ? c : Integer.compare(firstSeen.get(a), firstSeen.get(b));
    });
    List<SearchHit> out = new ArrayList<>();
    for (String id : ids) {
      if (out.size() == limit) {
        break;
      }
      SearchHit h = hit.get(id);
      out.add(new SearchHit(out.size() + 1, score.get(id), h.chunkId(), h.docPath(), h.ordinal(),
          h.title(), h.headings(), h.text(), h.metadataJson()));
    }
    return out;
  }
}
