package dev.reelbeam.transforms;

import dev.reelbeam.transforms.model.ErrorRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.DocumentReader;
import dev.reelbeam.io.lucene.IndexedChunk;
import dev.reelbeam.io.lucene.KnowledgeBaseFields;
import dev.reelbeam.io.lucene.KnowledgeBaseWriter;
import dev.reelbeam.transforms.embed.ChunkEmbedding;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import dev.reelbeam.transforms.text.Chunk;
import dev.reelbeam.transforms.text.Chunker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.reelbeam.transforms.coders.DocumentCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class DocsToEmbeddingsTest {
  static final String MODEL = "all-minilm-l6-v2-q";

  static Document doc(String path, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new DocumentReader().read(new ByteArrayInputStream(b), path, b.length);
  }

  static List<Document> docs() throws Exception {
    return List.of(
        doc("characters/frank.md", "# Frank\n\n## Looks\n\nA flying squirrel with skin flaps.\n\n"
            + "## Temper\n\nFrank leads the bullies. " + "He throws fruit at the rabbit. ".repeat(12)),
        doc("characters/gimera.md", "# Gimera\n\nA plump grey chinchilla who mostly eats."),
        doc("film.json", "{\"title\": \"Big Buck Bunny\", \"year\": 2008, \"studio\": \"Blender Institute\"}"));
  }

  /** Every chunk the chunker makes comes out once, with the vector the model gives its text. */
  @Test
  void embedsEveryChunkInBatchesWithTheModelsOwnVectors(TestPipeline p) throws Exception {
    Embedder e = Embedder.shared(EmbeddingModelSpec.resolve(MODEL), 0);
    Chunker chunker = new Chunker(200, 30, e.maxTokens(), e::countTokens);
    Map<String, float[]> expected = new HashMap<>();
    for (Document d : docs()) {
      for (Chunk c : chunker.chunk(d)) {
        expected.put(c.chunkId(), e.embed(List.of(c.embeddingText())).get(0));
      }
    }
    assertTrue(expected.size() >= 5, "chunks: " + expected.size());

    PCollection<ChunkEmbedding> out = p
        .apply(Create.of(docs()).withCoder(DocumentCoder.of()))
        .apply(DocsToEmbeddings.create().withModel(MODEL).withChunkSize(200).withChunkOverlap(30)
            .withBatchSize(3))
        .embeddings();
    PAssert.that(out).satisfies(all -> {
      List<String> seen = new ArrayList<>();
      for (ChunkEmbedding ce : all) {
        seen.add(ce.chunk().chunkId());
        assertFalse(ce.reused());
        float[] want = expected.get(ce.chunk().chunkId());
        assertEquals(384, ce.vector().length);
        assertTrue(cosine(want, ce.vector()) > 0.9999, "vector of " + ce.chunk().chunkId());
      }
      assertEquals(expected.size(), seen.size());
      assertEquals(expected.keySet(), new java.util.HashSet<>(seen));
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** With a previous knowledge base of the same model, its chunks keep their stored vectors. */
  @Test
  void reusesVectorsFromAPreviousIndexOfTheSameModel(TestPipeline p, @TempDir Path tmp) throws Exception {
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve(MODEL);
    Embedder e = Embedder.shared(spec, 0);
    Document gimera = docs().get(1);
    Chunk known = new Chunker(512, 50, e.maxTokens(), e::countTokens).chunk(gimera).get(0);
    float[] marker = new float[384];
    marker[7] = 1f; // not what the model would say: proves the stored vector was used
    Path kb = tmp.resolve("knowledge_base");
    KnowledgeBaseWriter.write(kb, List.of(new IndexedChunk(known.chunkId(), known.docId(),
        known.docPath(), 0, known.title(), known.headingPath(), known.text(), "{}", marker)), true,
        Map.of(KnowledgeBaseFields.COMMIT_MODEL_SHA256, spec.onnxSha256(),
            KnowledgeBaseFields.COMMIT_POOLING, spec.pooling().name()));

    PCollection<ChunkEmbedding> out = p
        .apply(Create.of(docs()).withCoder(DocumentCoder.of()))
        .apply(DocsToEmbeddings.create().withModel(MODEL).withReuseFrom(kb.toString()))
        .embeddings();
    PAssert.that(out).satisfies(all -> {
      int reused = 0;
      for (ChunkEmbedding ce : all) {
        if (ce.chunk().chunkId().equals(known.chunkId())) {
          assertTrue(ce.reused());
          assertEquals(1f, ce.vector()[7]);
          reused++;
        } else {
          assertFalse(ce.reused());
        }
      }
      assertEquals(1, reused);
      return null;
    });
    p.run().waitUntilFinish();
  }

  /**
   * A document whose bytes the previous index holds (same hash, model and chunker) comes back as
   * its stored chunks: not chunked, not embedded.
   */
  @Test
  void reusesAnUnchangedDocumentsStoredChunksWithoutChunkingIt(TestPipeline p, @TempDir Path tmp)
      throws Exception {
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve(MODEL);
    Document gimera = docs().get(1);
    float[] marker = new float[384];
    marker[5] = 1f;
    Path kb = tmp.resolve("knowledge_base");
    // tokens 999 and one chunk where the chunker would make others: only the stored copy says so.
    KnowledgeBaseWriter.write(kb, List.of(new IndexedChunk("stored-id", gimera.docId(),
        gimera.path(), 0, gimera.title(), "", "stored text", "{}", marker, gimera.sha256(), 999,
        List.of())), true,
        Map.of(KnowledgeBaseFields.COMMIT_MODEL_SHA256, spec.onnxSha256(),
            KnowledgeBaseFields.COMMIT_POOLING, spec.pooling().name(),
            KnowledgeBaseFields.COMMIT_FORMAT, DocsToEmbeddings.INDEX_FORMAT,
            KnowledgeBaseFields.COMMIT_CHUNKER, DocsToEmbeddings.chunkerKey(spec, 512, 50)));

    PCollection<ChunkEmbedding> out = p
        .apply(Create.of(docs()).withCoder(DocumentCoder.of()))
        .apply(DocsToEmbeddings.create().withModel(MODEL).withReuseFrom(kb.toString()))
        .embeddings();
    PAssert.that(out).satisfies(all -> {
      List<ChunkEmbedding> ofGimera = new java.util.ArrayList<>();
      for (ChunkEmbedding ce : all) {
        if (ce.chunk().docPath().equals(gimera.path())) {
          ofGimera.add(ce);
        } else {
          assertFalse(ce.reused());
        }
      }
      assertEquals(1, ofGimera.size());
      assertEquals("stored-id", ofGimera.get(0).chunk().chunkId());
      assertEquals(999, ofGimera.get(0).chunk().tokens());
      assertEquals(gimera.title(), ofGimera.get(0).chunk().title());
      assertTrue(ofGimera.get(0).reused());
      assertEquals(1f, ofGimera.get(0).vector()[5]);
      return null;
    });
    p.run().waitUntilFinish();
  }

  /**
   * The warm-up step starts loading the shared instance of the transform's model and threads
   * when an element arrives; the embedding step then takes that instance. (Threads no other test
   * uses: the shared instances are the JVM's.)
   */
  @Test
  void warmUpStartsLoadingTheSharedModelWhenAnElementArrives(TestPipeline p) throws Exception {
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve(MODEL);
    DocsToEmbeddings embed = DocsToEmbeddings.create().withModel(spec).withThreads(3);
    assertFalse(Embedder.loadStarted(spec, 3));
    p.apply(Create.of(1, 2, 3)).apply(embed.warmUp());
    p.run().waitUntilFinish();
    assertTrue(Embedder.loadStarted(spec, 3));
    Embedder shared = Embedder.shared(spec, 3);
    assertEquals(3, shared.threads());
    assertEquals(Embedder.shared(spec, 0).dimension(), shared.dimension());
  }

  /** No element, no load: a run that decodes nothing does not pay for the model. */
  @Test
  void warmUpOnNothingLoadsNothing(TestPipeline p) {
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve(MODEL);
    DocsToEmbeddings embed = DocsToEmbeddings.create().withModel(spec).withThreads(5);
    p.apply(Create.empty(org.apache.beam.sdk.coders.VarIntCoder.of())).apply(embed.warmUp());
    p.run().waitUntilFinish();
    assertFalse(Embedder.loadStarted(spec, 5));
  }

  @Test
  void invalidConfigurationFailsAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withChunkSize(10));
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withChunkOverlap(-1));
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withModel("no-such-model"));
  }

  /** Each with call sets its own setting only; the cross-field check waits for expand. */
  @Test
  void aWithCallNeverReadsAnotherSetting(TestPipeline p) throws Exception {
    DocsToEmbeddings t = DocsToEmbeddings.create().withChunkOverlap(60).withChunkSize(200);
    assertEquals(60, t.getChunkOverlap());
    assertEquals(200, t.getChunkSize());
    DocsToEmbeddings tooMuch = DocsToEmbeddings.create().withChunkOverlap(150).withChunkSize(200);
    assertEquals(150, tooMuch.getChunkOverlap(), "no silent clamp to chunkSize / 2");
    PCollection<Document> in = p.apply(Create.of(docs()).withCoder(DocumentCoder.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.apply(tooMuch));
    assertTrue(e.getMessage().contains("overlap 150 for size 200"), e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }

  /** A document that cannot be indexed becomes one error record; the others are embedded. */
  @Test
  void aDocumentWithoutAPathIsAnErrorRecord(TestPipeline p) throws Exception {
    Document good = docs().get(1);
    Document noPath = new Document("", "nopath", good.format(), "No path", good.metadata(), good.sections(),
        good.sha256(), good.bytes());
    DocsToEmbeddings.Result r = p
        .apply(Create.of(List.of(good, noPath)).withCoder(DocumentCoder.of()))
        .apply(DocsToEmbeddings.create().withModel(MODEL));
    PAssert.that(r.errors()).satisfies(errors -> {
      List<ErrorRecord> all = new ArrayList<>();
      errors.forEach(all::add);
      assertEquals(1, all.size(), all.toString());
      ErrorRecord e = all.get(0);
      assertEquals("nopath", e.id());
      assertEquals(DocsToEmbeddings.STAGE, e.stage());
      assertTrue(e.message().contains("has no path"), e.message());
      assertFalse(e.time().isBlank());
      return null;
    });
    PAssert.that(r.embeddings()).satisfies(all -> {
      all.forEach(ce -> assertEquals(good.path(), ce.chunk().docPath()));
      assertTrue(all.iterator().hasNext());
      return null;
    });
    p.run().waitUntilFinish();
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
