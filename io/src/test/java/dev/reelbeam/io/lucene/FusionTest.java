package dev.reelbeam.io.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  static SearchHit hit(String id, int rank, double score) {
    return new SearchHit(rank, score, id, id + ".md", 0, "", "", "", "{}");
  }

  @Test
  void relativeScoreKeepsAClearLeaderAheadAndRewardsAgreement() {
    List<SearchHit> vector = List.of(hit("a", 1, 0.9), hit("b", 2, 0.5), hit("c", 3, 0.45));
    List<SearchHit> bm25 = List.of(hit("c", 1, 12), hit("b", 2, 11), hit("d", 3, 2));
    List<SearchHit> fused = Fusion.relativeScore(List.of(vector, bm25), new double[] {0.5, 0.5}, 10);
    // b: 0.5*(0.05/0.45) + 0.5*(9/10) = 0.5056; c: 0 + 0.5 = 0.5; a: 0.5; d: 0
    assertEquals(List.of("b", "a", "c", "d"), fused.stream().map(SearchHit::chunkId).toList());
    assertEquals(1, fused.get(0).rank());
    assertEquals(3, Fusion.relativeScore(List.of(vector, bm25), new double[] {0.5, 0.5}, 3).size());
  }

  @Test
  void reciprocalRankSumsOneOverKPlusRank() {
    List<SearchHit> one = List.of(hit("a", 1, 0), hit("b", 2, 0));
    List<SearchHit> two = List.of(hit("b", 1, 0), hit("c", 2, 0));
    List<SearchHit> fused = Fusion.reciprocalRank(List.of(one, two), 60, 10);
    assertEquals("b", fused.get(0).chunkId());
    assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
    assertEquals(List.of("b", "a", "c"), fused.stream().map(SearchHit::chunkId).toList());
  }
}
