package dev.reelbeam.io.lucene;

import static dev.reelbeam.io.lucene.KnowledgeBaseFields.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes the whole knowledge base as one Lucene commit: every chunk with its text (BM25), its
 * vector (HNSW) and its metadata (stored). The writer opens the directory in CREATE mode, so the
 * previous commit stays the live index until the new one is complete: a crash while writing leaves
 * the old index, never a half one (Lucene publishes a commit by writing {@code segments_N} last).
 */
public final class KnowledgeBaseWriter {
  private KnowledgeBaseWriter() {}

  /**
   * Replaces the index in {@code dir} by {@code chunks} (sorted by path and ordinal first, so
   * document order is stable) with {@code commitData} recorded in the commit.
   *
   * @param unitVectors whether vectors are unit length (dot product), else cosine
   * @return the commit user data written, with {@link KnowledgeBaseFields#COMMIT_CHUNKS} and
   *     {@link KnowledgeBaseFields#COMMIT_CHUNK_IDS_SHA256} added
   */
  public static Map<String, String> write(
      Path dir, List<IndexedChunk> chunks, boolean unitVectors, Map<String, String> commitData)
      throws IOException {
    Files.createDirectories(dir);
    List<IndexedChunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparing(IndexedChunk::docPath).thenComparingInt(IndexedChunk::ordinal)
        .thenComparing(IndexedChunk::chunkId));
    Map<String, String> data = new HashMap<>(commitData);
    data.put(COMMIT_CHUNKS, Integer.toString(sorted.size()));
    data.put(COMMIT_CHUNK_IDS_SHA256, chunkIdsSha256(sorted));
    VectorSimilarityFunction sim =
        unitVectors ? VectorSimilarityFunction.DOT_PRODUCT : VectorSimilarityFunction.COSINE;
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setCommitOnClose(false)
            .setUseCompoundFile(true);
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, config)) {
      for (IndexedChunk c : sorted) {
        writer.addDocument(toDocument(c, sim));
      }
      writer.forceMerge(1);
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    }
    return data;
  }

  /** SHA-256 over the sorted chunk ids: ties {@code index_metadata.json} to one commit. */
  public static String chunkIdsSha256(List<IndexedChunk> chunks) {
    List<String> ids = new ArrayList<>();
    for (IndexedChunk c : chunks) {
      ids.add(c.chunkId());
    }
    return idsSha256(ids);
  }

  /** SHA-256 of {@code ids} sorted, one per line. */
  public static String idsSha256(List<String> ids) {
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String id : sorted) {
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document toDocument(IndexedChunk c, VectorSimilarityFunction sim) {
    Document d = new Document();
    d.add(new StringField(CHUNK_ID, c.chunkId(), Field.Store.YES));
    d.add(new StringField(DOC_ID, c.docId(), Field.Store.YES));
    d.add(new StringField(DOC_PATH, c.docPath(), Field.Store.YES));
    d.add(new StoredField(ORDINAL, c.ordinal()));
    d.add(new StoredField(TITLE, c.title()));
    d.add(new StoredField(HEADINGS, c.headings()));
    d.add(new StoredField(TEXT, c.text()));
    d.add(new StoredField(METADATA, c.metadataJson()));
    d.add(new TextField(SEARCH, c.title() + "\n" + c.headings() + "\n" + c.text(), Field.Store.NO));
    d.add(new KnnFloatVectorField(VECTOR, c.vector(), sim));
    d.add(new StoredField(VECTOR_BYTES, toBytes(c.vector())));
    return d;
  }

  static byte[] toBytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  static float[] fromBytes(byte[] bytes, int offset, int length) {
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }
}
