package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage on the demo film's documents plus bad files: error records for the bad ones, a
 * complete knowledge base for the rest, answers from {@code query}, and incremental reruns.
 */
class Stage3CommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MODEL = "--embeddingModel=all-minilm-l6-v2-q";

  @TempDir Path tmp;

  static Path demoDocs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("src/demo/docs");
      if (Files.isDirectory(candidate.resolve("characters"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("src/demo/docs not found");
  }

  record Run(int rc, String out, String err) {}

  static Run stage3(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = new Stage3Command(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run query(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = new QueryCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  static List<String> badFiles(Path docs) throws IOException {
    Path bad = docs.resolve("bad");
    Files.createDirectories(bad);
    Files.write(bad.resolve("latin1.md"), new byte[] {'C', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k', '\n'});
    Files.write(bad.resolve("empty.txt"), new byte[0]);
    Files.write(bad.resolve("picture.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    Files.writeString(bad.resolve("broken.json"), "{\"name\": \"Frank\", \"species\": ");
    Files.writeString(bad.resolve("broken.yaml"), "name: Rinky\nfriends: [Frank, Gimera\n  - oops: {\n");
    try (RandomAccessFile f = new RandomAccessFile(bad.resolve("huge.txt").toFile(), "rw")) {
      f.setLength(100L * 1000 * 1000); // sparse: 100 MB on paper, nothing on disk
    }
    return List.of("latin1.md", "empty.txt", "picture.md", "broken.json", "broken.yaml", "huge.txt");
  }

  @Test
  void buildsQueriesAndUpdatesIncrementally() throws Exception {
    Path docs = tmp.resolve("docs");
    Path out = tmp.resolve("out");
    copyTree(demoDocs(), docs);
    Files.writeString(docs.resolve("characters/cast.yaml"),
        "film: Big Buck Bunny\ncharacters:\n  - name: Frank\n    species: flying squirrel\n"
            + "  - name: Gimera\n    species: chinchilla\n");
    Files.writeString(docs.resolve("notes.json"),
        "{\"title\": \"Production notes\", \"software\": \"Blender\", \"composer\": \"Jan Morgenstern\"}");
    List<String> bad = badFiles(docs);

    // 1. First run: 9 good documents indexed, 6 bad ones become error records, exit 1.
    Run first = stage3("--docs=" + docs, "--output=" + out, MODEL, "--film=Big Buck Bunny");
    assertEquals(1, first.rc(), first.err());
    JsonNode summary = RagStage.readSummary(out.toString()).orElseThrow();
    for (String field : List.of("stage", "timestamp", "film_name", "output_dir",
        "document_processing", "knowledge_base", "completed")) {
      assertTrue(summary.has(field), "rag_summary.json has " + field);
    }
    assertEquals("Big Buck Bunny", summary.path("film_name").asText());
    JsonNode dp = summary.path("document_processing");
    assertEquals(9, dp.path("documents_processed").asInt());
    assertEquals(6, dp.path("documents_failed").asInt());
    int chunks = dp.path("chunks").asInt();
    assertEquals(chunks, dp.path("chunks_embedded").asInt());
    assertTrue(chunks >= 15, "chunks: " + chunks);

    Path errors = out.resolve("errors");
    for (String name : bad) {
      try (Stream<Path> files = Files.list(errors)) {
        List<JsonNode> records = files.filter(f -> f.getFileName().toString().endsWith(".docs.json"))
            .map(Stage3CommandTest::read).filter(r -> r.path("input").asText().endsWith(name)).toList();
        assertEquals(1, records.size(), "one error record for " + name);
        assertEquals("docs", records.get(0).path("stage").asText());
      }
    }
    assertTrue(first.err().contains("not valid UTF-8"), first.err());
    assertTrue(first.err().contains("empty"), first.err());
    assertTrue(first.err().contains("binary"), first.err());
    assertTrue(first.err().contains("malformed JSON"), first.err());
    assertTrue(first.err().contains("malformed YAML"), first.err());
    assertTrue(first.err().contains("100.0 MB"), first.err());

    Path kb = out.resolve("rag/knowledge_base");
    JsonNode meta = read(kb.resolve("index_metadata.json"));
    assertEquals("all-minilm-l6-v2-q", meta.path("model").path("name").asText());
    assertEquals(384, meta.path("model").path("dimension").asInt());
    assertEquals("mean", meta.path("model").path("pooling").asText());
    assertEquals(chunks, meta.path("counts").path("chunks").asInt());
    assertEquals(chunks, Files.readAllLines(out.resolve("rag/documents/chunks.jsonl")).size());
    JsonNode manifest = read(out.resolve("rag/documents/manifest.json"));
    assertEquals(9, manifest.path("documents").size());
    assertEquals(6, manifest.path("errors").size());
    String yamlText = Files.readString(out.resolve("rag/documents/"
        + manifest.path("documents").get(0).path("doc_id").asText() + ".txt"));
    assertFalse(yamlText.isBlank());

    // 2. Questions.
    Run text = query("--output=" + out, "--k=3", "a vain, mean leader who teases weaker animals");
    assertEquals(0, text.rc(), text.err());
    assertTrue(text.out().startsWith("1. "), text.out());
    assertTrue(text.out().lines().findFirst().orElseThrow().contains("characters/frank.md"), text.out());
    Run json = query("--output=" + out, "--k=2", "--mode=bm25", "--format=json", "chinchilla");
    assertEquals(0, json.rc(), json.err());
    JsonNode hits = JSON.readTree(json.out());
    assertEquals(2, hits.size());
    for (String f : List.of("rank", "score", "doc_path", "chunk_id", "text")) {
      assertTrue(hits.get(0).has(f), "json result has " + f);
    }
    assertTrue(hits.get(0).path("text").asText().toLowerCase().contains("chinchilla"));
    Run vector = query("--output=" + out, "--mode=vector", "--format=json", "--k=1",
        "a pink bird loses its balance on a branch");
    assertEquals("characters/bird.md", JSON.readTree(vector.out()).get(0).path("doc_path").asText());
    assertEquals(2, query("--output=" + tmp.resolve("nowhere"), "anything").rc());
    assertEquals(2, query("--output=" + out, "--mode=fuzzy", "anything").rc());

    // 3. Unchanged rerun: nothing embedded, and it says so.
    Run again = stage3("--docs=" + docs, "--output=" + out, MODEL);
    assertEquals(1, again.rc());
    assertTrue(again.out().contains("Unchanged: nothing to embed (" + chunks + " chunks reused)"), again.out());
    dp = RagStage.readSummary(out.toString()).orElseThrow().path("document_processing");
    assertEquals(0, dp.path("chunks_embedded").asInt());
    assertTrue(dp.path("unchanged").asBoolean());

    // 4. One document changed, one deleted, bad files fixed or removed: only the new chunk is
    //    embedded, the deleted document's chunks and the stale error records are gone.
    Files.writeString(docs.resolve("characters/frank.md"),
        "\n## Trivia\n\nFrank's gliding scenes were animated with a cloth simulation for his skin flaps.\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.delete(docs.resolve("characters/bird.md"));
    try (Stream<Path> files = Files.list(docs.resolve("bad"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Run third = stage3("--docs=" + docs, "--output=" + out, MODEL);
    assertEquals(0, third.rc(), third.err());
    dp = RagStage.readSummary(out.toString()).orElseThrow().path("document_processing");
    assertEquals(8, dp.path("documents_processed").asInt());
    assertEquals(1, dp.path("chunks_embedded").asInt(), third.out());
    assertEquals(1, dp.path("chunks_removed").asInt(), "bird.md had one chunk");
    assertEquals(dp.path("chunks").asInt() - 1, dp.path("chunks_reused").asInt());
    try (Stream<Path> files = Files.list(errors)) {
      assertEquals(0, files.filter(f -> f.toString().endsWith(".docs.json")).count());
    }
    Run trivia = query("--output=" + out, "--k=1", "--format=json", "cloth simulation for the skin flaps");
    assertEquals("characters/frank.md", JSON.readTree(trivia.out()).get(0).path("doc_path").asText());
    Run gone = query("--output=" + out, "--k=10", "--format=json", "pink bird");
    for (JsonNode h : JSON.readTree(gone.out())) {
      assertFalse(h.path("doc_path").asText().equals("characters/bird.md"));
    }

    // 5. An index whose metadata names another commit (a run interrupted between the two) is
    //    refused rather than answered from.
    Path metaFile = kb.resolve("index_metadata.json");
    Files.writeString(metaFile, Files.readString(metaFile).replace(
        read(metaFile).path("checksums").path("chunk_ids_sha256").asText(), "0".repeat(64)));
    Run refused = query("--output=" + out, "--mode=bm25", "rabbit");
    assertEquals(2, refused.rc());
    assertTrue(refused.err().contains("disagree"), refused.err());
  }

  static JsonNode read(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
