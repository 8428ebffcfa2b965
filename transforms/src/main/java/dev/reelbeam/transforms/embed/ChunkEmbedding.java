package dev.reelbeam.transforms.embed;

import dev.reelbeam.transforms.text.Chunk;
import java.io.Serializable;

/**
 * A chunk with its vector.
 *
 * @param chunk the chunk
 * @param vector its embedding
 * @param reused true when the vector came from the previous index (same chunk id, same model)
 */
public record ChunkEmbedding(Chunk chunk, float[] vector, boolean reused) implements Serializable {}
