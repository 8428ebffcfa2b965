package dev.reelbeam.transforms.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** How the embedder reads a graph: in one array when its length is known, whatever the stream holds. */
class EmbedderLoadTest {

  private static final byte[] DATA = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void readsWholeWhateverTheGivenLength() throws Exception {
    assertArrayEquals(DATA, Embedder.readWhole(new ByteArrayInputStream(DATA), DATA.length));
    assertArrayEquals(DATA, Embedder.readWhole(new ByteArrayInputStream(DATA), -1), "unknown length");
    assertArrayEquals(DATA, Embedder.readWhole(new ByteArrayInputStream(DATA), 7), "longer than said");
    assertArrayEquals(DATA, Embedder.readWhole(new ByteArrayInputStream(DATA), 64), "shorter than said");
    assertArrayEquals(new byte[0], Embedder.readWhole(new ByteArrayInputStream(new byte[0]), 0));
  }

  @Test
  void theGraphsLengthIsTheJarEntrysLength() throws Exception {
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve("all-minilm-l6-v2-q");
    long read = 0;
    try (InputStream in = spec.openOnnx()) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        read += n;
      }
    }
    assertEquals(read, spec.onnxSize());
  }
}
