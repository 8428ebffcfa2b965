package dev.reelbeam.transforms.embed;

import dev.reelbeam.transforms.text.Chunk;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A chunk with its vector.
 *
 * @param chunk the chunk
 * @param vector its embedding
 * @param reused true when the vector came from the previous index (same chunk id, same model)
 */
public record ChunkEmbedding(Chunk chunk, float[] vector, boolean reused) implements Serializable {

  // By value, vector included: Beam compares elements by their encodings' structural values, and
  // an array's identity equality makes the Direct runner warn once per element.
  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkEmbedding other
        && reused == other.reused
        && chunk.equals(other.chunk)
        && Arrays.equals(vector, other.vector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chunk, reused) * 31 + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "ChunkEmbedding[" + chunk.chunkId() + ", " + chunk.docPath() + "#" + chunk.ordinal()
        + ", dim " + vector.length + (reused ? ", reused]" : "]");
  }
}
