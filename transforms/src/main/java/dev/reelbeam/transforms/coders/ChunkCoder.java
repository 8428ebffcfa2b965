package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.text.Chunk;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A document's {@link Chunk} field by field (its metadata in key order). */
public final class ChunkCoder extends FieldCoder<Chunk> {
  private static final ChunkCoder INSTANCE = new ChunkCoder();

  private ChunkCoder() {}

  public static ChunkCoder of() {
    return INSTANCE;
  }

  @Override
  void write(Chunk c, DataOutputStream o) throws IOException {
    put(c, o);
  }

  @Override
  Chunk read(DataInputStream i) throws IOException {
    return get(i);
  }

  static void put(Chunk c, DataOutputStream o) throws IOException {
    Fields.string(o, c.chunkId());
    Fields.string(o, c.docId());
    Fields.string(o, c.docPath());
    o.writeInt(c.ordinal());
    Fields.string(o, c.title());
    Fields.strings(o, c.headings());
    Fields.string(o, c.text());
    Fields.map(o, c.metadata(), Fields::string);
    o.writeInt(c.tokens());
  }

  static Chunk get(DataInputStream i) throws IOException {
    return new Chunk(Fields.string(i), Fields.string(i), Fields.string(i), i.readInt(), Fields.string(i),
        Fields.strings(i), Fields.string(i), Fields.map(i, Fields::string), i.readInt());
  }
}
