package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.embed.ChunkEmbedding;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A {@link ChunkEmbedding}: the chunk as {@link ChunkCoder}, the vector as one block of floats. */
public final class ChunkEmbeddingCoder extends FieldCoder<ChunkEmbedding> {
  private static final ChunkEmbeddingCoder INSTANCE = new ChunkEmbeddingCoder();

  private ChunkEmbeddingCoder() {}

  public static ChunkEmbeddingCoder of() {
    return INSTANCE;
  }

  @Override
  void write(ChunkEmbedding e, DataOutputStream o) throws IOException {
    ChunkCoder.put(e.chunk(), o);
    Fields.floats(o, e.vector());
    o.writeBoolean(e.reused());
  }

  @Override
  ChunkEmbedding read(DataInputStream i) throws IOException {
    return new ChunkEmbedding(ChunkCoder.get(i), Fields.floats(i), i.readBoolean());
  }
}
