package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stage3} reruns decided before any pipeline: nothing changed, the command writes the
 * summary and stops, leaving every other byte as the pipeline would; a changed, added or removed
 * document, another chunker or model, or a damaged output sends the run through the pipeline.
 */
class Stage3RerunTest {
  static final String MODEL = "all-minilm-l6-v2-q";

  @TempDir Path tmp;

  Path docs;
  Path out;

  RagOptions options(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--docs=" + docs, "--output=" + out,
        "--embeddingModel=" + MODEL));
    args.addAll(List.of(extra));
    PipelineOptionsFactory.register(RagOptions.class);
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(RagOptions.class);
  }

  Optional<KnowledgeBaseReport> check(String... extra) {
    return RerunCheck.unchanged(options(extra));
  }

  /** Every file under the output but the summary (whose timestamp moves), with its bytes. */
  Map<String, String> outputs() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(out)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(f).toString();
        if (!rel.endsWith("rag_summary.json")) {
          files.put(rel, Sha256.of(f));
        }
      }
    }
    return files;
  }

  ObjectNode summaryWithoutTimestamp() throws Exception {
    ObjectNode s = (ObjectNode) RagStage.readSummary(out.toString()).orElseThrow();
    s.remove("timestamp");
    return s;
  }

  /** The stage through the Beam pipeline, as {@code stage3} ran it before any check. */
  void pipeline(RagOptions o) {
    Stage3Command.applyWorkers(o);
    Pipeline p = Pipeline.create(o);
    RagStage.addTo(p, o);
    assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());
  }

  /**
   * {@code stage3} with {@code args} on the output, which sends only the changed sources through
   * the pipeline, and the whole pipeline on a copy of it, as before: they must write the same files
   * (the index's own files aside: an updated index's segments are its own) and report the same.
   */
  JsonNode rerunBothWays(String... args) throws Exception {
    Path copy = tmp.resolve("copy" + copies++);
    Stage3CommandTest.copyTree(out, copy);
    Stage3CommandTest.Run run = Stage3CommandTest.stage3(args);
    assertTrue(run.rc() <= 1, run.err());
    Map<String, String> planned = outputsButIndex();
    JsonNode plannedReport = report();
    Path mine = out;
    out = copy;
    try {
      pipeline(options());
      assertEquals(outputsButIndex(), planned);
      assertEquals(report(), plannedReport);
    } finally {
      out = mine;
    }
    return plannedReport;
  }

  int copies;

  Map<String, String> outputsButIndex() throws Exception {
    Map<String, String> files = outputs();
    files.keySet().removeIf(f -> f.startsWith("rag/knowledge_base/") && !f.endsWith("index_metadata.json"));
    return files;
  }

  JsonNode report() throws Exception {
    ObjectNode dp = (ObjectNode) summaryWithoutTimestamp().path("document_processing");
    dp.remove("normalized_documents");
    return dp;
  }

  @Test
  void unchangedRerunSkipsThePipelineAndChangesAreCaught() throws Exception {
    docs = tmp.resolve("docs");
    out = tmp.resolve("out");
    Path characters = Files.createDirectories(docs.resolve("characters"));
    Path demo = Stage3CommandTest.demoDocs();
    for (String name : List.of("frank.md", "bird.md", "gimera.md")) {
      Files.copy(demo.resolve("characters").resolve(name), characters.resolve(name));
    }
    Files.writeString(docs.resolve("notes.json"),
        "{\"title\": \"Production notes\", \"software\": \"Blender\", \"composer\": \"Jan Morgenstern\"}");
    String[] args = {"--docs=" + docs, "--output=" + out, "--embeddingModel=" + MODEL, "--film=Big Buck Bunny"};

    assertTrue(check().isEmpty(), "no knowledge base yet");
    Stage3CommandTest.Run first = Stage3CommandTest.stage3(args);
    assertEquals(0, first.rc(), first.err());
    int chunks = RagStage.readSummary(out.toString()).orElseThrow().path("document_processing").path("chunks").asInt();

    // The pipeline's own unchanged rerun: the outputs and the summary a skipped run must match.
    pipeline(options("--film=Big Buck Bunny"));
    Map<String, String> written = outputs();
    ObjectNode pipelineSummary = summaryWithoutTimestamp();
    assertTrue(pipelineSummary.path("document_processing").path("unchanged").asBoolean());

    // 1. Unchanged: decided without the pipeline, the same bytes everywhere, the same summary.
    KnowledgeBaseReport r = check().orElseThrow();
    assertEquals(4, r.documents());
    assertEquals(chunks, r.chunks());
    assertEquals(chunks, r.reused());
    assertTrue(r.unchanged());
    Stage3CommandTest.Run again = Stage3CommandTest.stage3(args);
    assertEquals(0, again.rc(), again.err());
    assertTrue(again.out().contains("Unchanged: nothing to embed (" + chunks + " chunks reused)"), again.out());
    assertEquals(written, outputs());
    assertEquals(pipelineSummary, summaryWithoutTimestamp());

    // 2. Settings the index was not made with: another chunker, another model, a lower size limit.
    assertTrue(check("--chunkSize=300").isEmpty(), "chunk size");
    assertTrue(check("--chunkOverlap=20").isEmpty(), "chunk overlap");
    assertTrue(RerunCheck.unchanged(out, docs, List.of(), EmbeddingModelSpec.resolve("all-minilm-l6-v2"),
        512, 50, 8L << 20).isEmpty(), "another model");
    assertTrue(check("--maxDocBytes=100").isEmpty(), "a document now over the size limit");
    assertTrue(check().isPresent());

    // 3. A damaged output: a normalised document gone, a stray file, an unfinished commit.
    Path normalized;
    try (Stream<Path> txt = Files.list(out.resolve("rag/documents"))) {
      normalized = txt.filter(f -> f.toString().endsWith(".txt")).findFirst().orElseThrow();
    }
    byte[] saved = Files.readAllBytes(normalized);
    Files.delete(normalized);
    assertTrue(check().isEmpty(), "normalised document missing");
    Files.write(normalized, saved);
    Files.writeString(out.resolve("rag/documents/stray.txt"), "left over");
    assertTrue(check().isEmpty(), "stray file");
    Files.delete(out.resolve("rag/documents/stray.txt"));
    Path meta = out.resolve("rag/knowledge_base/index_metadata.json");
    String metaText = Files.readString(meta);
    String ids = Stage3CommandTest.read(meta).path("checksums").path("chunk_ids_sha256").asText();
    Files.writeString(meta, metaText.replace(ids, "0".repeat(64)));
    assertTrue(check().isEmpty(), "metadata naming another commit");
    Files.writeString(meta, metaText);
    assertTrue(check().isPresent());

    // 4. One document changed: the pipeline runs and embeds only its new chunk.
    Path frank = characters.resolve("frank.md");
    Files.writeString(frank, Files.readString(frank)
        + "\n## Trivia\n\nFrank's gliding scenes were animated with a cloth simulation for his skin flaps.\n");
    assertTrue(check().isEmpty(), "changed document");
    RerunCheck.Plan plan = RerunCheck.plan(options()).orElseThrow();
    assertEquals(java.util.Set.of("characters/frank.md"), plan.changedFiles());
    assertEquals(3, plan.kept().size());
    JsonNode dp = rerunBothWays(args);
    assertEquals(1, dp.path("chunks_embedded").asInt());
    assertEquals(chunks, dp.path("chunks_reused").asInt());
    assertFalse(dp.path("unchanged").asBoolean());
    assertTrue(check().isPresent(), "unchanged again after the update");

    // 5. A document added, then one removed.
    Files.copy(demo.resolve("characters/rinky.md"), characters.resolve("rinky.md"));
    assertTrue(check().isEmpty(), "added document");
    Files.delete(characters.resolve("rinky.md"));
    assertTrue(check().isPresent(), "back to what is indexed");
    Files.delete(characters.resolve("bird.md"));
    assertTrue(check().isEmpty(), "removed document");
    assertEquals(java.util.Set.of("characters/bird.md"), RerunCheck.plan(options()).orElseThrow().removed());
    dp = rerunBothWays(args);
    assertEquals(3, dp.path("documents_processed").asInt());
    assertEquals(0, dp.path("chunks_embedded").asInt());
    assertTrue(dp.path("chunks_removed").asInt() > 0, dp.toString());
    assertTrue(check().isPresent());

    // 6. A document changed and one added together, and a bad file: the bad file's error record
    //    is written, and reruns go through the pipeline while it is there.
    Files.writeString(frank, Files.readString(frank) + "\nHe glides from tree to tree.\n");
    Files.copy(demo.resolve("characters/rinky.md"), characters.resolve("rinky.md"));
    Files.write(docs.resolve("bad.md"), new byte[] {'C', 'a', 'f', (byte) 0xE9, '\n'});
    assertEquals(3, RerunCheck.plan(options()).orElseThrow().changedFiles().size());
    dp = rerunBothWays(args);
    assertEquals(1, dp.path("documents_failed").asInt());
    assertEquals(4, dp.path("documents_processed").asInt());
    assertTrue(RerunCheck.plan(options()).isEmpty(), "error records are not fingerprinted");
  }
}
