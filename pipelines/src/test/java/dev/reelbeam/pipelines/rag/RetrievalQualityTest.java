package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.lucene.KnowledgeBase;
import dev.reelbeam.io.lucene.SearchHit;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval quality on a labelled query set over real text (As You Like It, TV Tropes film
 * characters): recall@5 and nDCG@10 at document level for vector, BM25 and hybrid search; hybrid
 * must be at least as good as the better of the other two.
 */
class RetrievalQualityTest {
  @TempDir static Path tmp;
  static Path docs;
  static Path out;
  static List<Labelled> queries;

  record Labelled(String query, Set<String> relevant) {}

  record Scores(double recallAt5, double ndcgAt10) {}

  @BeforeAll
  static void buildKnowledgeBase() throws Exception {
    docs = tmp.resolve("docs");
    out = tmp.resolve("out");
    RetrievalCorpus.write(docs);
    int rc = new Stage3Command().run(new String[] {
        "--docs=" + docs, "--output=" + out, "--embeddingModel=all-minilm-l6-v2-q"});
    assertEquals(0, rc);
    queries = new ArrayList<>();
    try (InputStream in = RetrievalQualityTest.class.getResourceAsStream("/rag/labelled_queries.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        queries.add(new Labelled(parts[0], new LinkedHashSet<>(List.of(parts[1].split(",")))));
      }
    }
  }

  @Test
  void hybridRanksAtLeastAsWellAsTheBetterOfVectorAndBm25() throws Exception {
    Map<QueryCommand.Mode, Scores> scores = new EnumMap<>(QueryCommand.Mode.class);
    try (KnowledgeBase kb = KnowledgeBase.openIfExists(WriteKnowledgeBase.knowledgeBaseDir(out.toString())).orElseThrow();
        Embedder embedder = Embedder.load(EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 0)) {
      for (QueryCommand.Mode mode : QueryCommand.Mode.values()) {
        QueryCommand.Searcher s = new QueryCommand.Searcher(kb, embedder, mode);
        double recall = 0;
        double ndcg = 0;
        for (Labelled q : queries) {
          List<String> ranked = docRanking(s.search(q.query(), 50));
          recall += recallAt(ranked, q.relevant(), 5);
          ndcg += ndcgAt(ranked, q.relevant(), 10);
        }
        scores.put(mode, new Scores(recall / queries.size(), ndcg / queries.size()));
      }
    }
    scores.forEach((m, s) -> System.out.printf(
        "RETRIEVAL %-6s recall@5 %.3f  nDCG@10 %.3f  (%d queries)%n", m, s.recallAt5(), s.ndcgAt10(), queries.size()));
    Scores v = scores.get(QueryCommand.Mode.VECTOR);
    Scores b = scores.get(QueryCommand.Mode.BM25);
    Scores h = scores.get(QueryCommand.Mode.HYBRID);
    assertTrue(v.recallAt5() > 0.5 && b.recallAt5() > 0.5, "both base modes find most answers: " + scores);
    assertTrue(h.recallAt5() >= Math.max(v.recallAt5(), b.recallAt5()), "hybrid recall@5: " + scores);
    assertTrue(h.ndcgAt10() >= Math.max(v.ndcgAt10(), b.ndcgAt10()), "hybrid nDCG@10: " + scores);
  }

  @Test
  void queriesFileAnswersEveryQuestionAsOneJsonLine() throws Exception {
    Path file = tmp.resolve("questions.txt");
    Files.writeString(file, "Who played Indiana Jones?\n\nall the world's a stage\n");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new QueryCommand(new PrintStream(buf, true, StandardCharsets.UTF_8), System.err)
        .run(new String[] {"--output=" + out, "--k=3", "--queries=" + file});
    assertEquals(0, rc);
    String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertEquals(2, lines.length);
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertEquals("Who played Indiana Jones?", first.path("query").asText());
    assertEquals(3, first.path("results").size());
    assertEquals("tropes/adventurer_archaeologist.md", first.path("results").get(0).path("doc_path").asText());
    JsonNode second = new ObjectMapper().readTree(lines[1]).path("results").get(0);
    assertEquals("play/act2_scene7.txt", second.path("doc_path").asText());
    assertTrue(second.path("text").asText().contains("stage"));
  }

  /** Documents in the order their first chunk appears. */
  static List<String> docRanking(List<SearchHit> hits) {
    LinkedHashSet<String> docs = new LinkedHashSet<>();
    for (SearchHit h : hits) {
      docs.add(h.docPath());
    }
    return new ArrayList<>(docs);
  }

  static double recallAt(List<String> ranked, Set<String> relevant, int k) {
    int found = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        found++;
      }
    }
    return (double) found / relevant.size();
  }

  static double ndcgAt(List<String> ranked, Set<String> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        dcg += 1 / (Math.log(i + 2) / Math.log(2));
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) {
      ideal += 1 / (Math.log(i + 2) / Math.log(2));
    }
    return dcg / ideal;
  }
}
