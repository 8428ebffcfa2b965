package dev.reelbeam.transforms.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our DJL path against vectors from an independent implementation (LangChain4j's). */
class EmbedderParityTest {

  @Test
  void quantizedMiniLmMatchesReferenceVectors() throws Exception {
    JsonNode ref =
        new ObjectMapper().readTree(SharedFiles.root().resolve("model/reference_embeddings.json").toFile());
    List<String> texts = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (JsonNode item : ref.path("items")) {
      texts.add(item.path("text").asText());
      float[] v = new float[item.path("vector").size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) item.path("vector").get(i).asDouble();
      }
      expected.add(v);
    }
    assertEquals(4, texts.size());
    Embedder e = Embedder.shared(EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 2);
    assertEquals(384, e.dimension());
    assertTrue(e.batchSensitive(), "the quantized graph quantizes activations per call");
    // Once as one padded batch, once alone: padding must not change a vector.
    List<float[]> batched = e.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = e.embed(List.of(texts.get(i))).get(0);
      assertTrue(cosine(expected.get(i), batched.get(i)) >= 0.999,
          "batched cosine " + cosine(expected.get(i), batched.get(i)) + " for " + texts.get(i));
      assertTrue(cosine(expected.get(i), alone) >= 0.999, "alone: " + texts.get(i));
      assertEquals(1.0, norm(batched.get(i)), 1e-4);
    }
    // And the model means something: the two bird sentences are closer than bird and earnings.
    assertTrue(cosine(batched.get(0), batched.get(1)) > cosine(batched.get(0), batched.get(3)) + 0.3);
  }

  @Test
  void bgeUsesClsPoolingAndUnitVectors() throws Exception {
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve("bge-small-en-v15");
    assertEquals(Pooling.CLS, spec.pooling());
    assertEquals(512, spec.maxTokens());
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

  static double norm(float[] a) {
    double s = 0;
    for (float x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
