package dev.reelbeam.transforms;

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
import org.apache.beam.sdk.coders.SerializableCoder;
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
        .apply(Create.of(docs()).withCoder(SerializableCoder.of(Document.class)))
        .apply(DocsToEmbeddings.create().withModel(MODEL).withChunkSize(200).withChunkOverlap(30)
            .withBatchSize(3));
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
        .apply(Create.of(docs()).withCoder(SerializableCoder.of(Document.class)))
        .apply(DocsToEmbeddings.create().withModel(MODEL).withReuseFrom(kb.toString()));
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
        .apply(Create.of(docs()).withCoder(SerializableCoder.of(Document.class)))
        .apply(DocsToEmbeddings.create().withModel(MODEL).withReuseFrom(kb.toString()));
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

  @Test
  void invalidConfigurationFailsAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withChunkSize(10));
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withChunkOverlap(400));
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> DocsToEmbeddings.create().withModel("no-such-model"));
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
