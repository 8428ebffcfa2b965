package dev.reelbeam.io.lucene;

import static dev.reelbeam.io.lucene.KnowledgeBaseFields.*;

import dev.reelbeam.io.files.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
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
    List<IndexedChunk> sorted = sorted(chunks);
    Map<String, String> data = commitData(sorted, commitData);
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, config(IndexWriterConfig.OpenMode.CREATE))) {
      VectorSimilarityFunction sim = similarity(unitVectors);
      for (IndexedChunk c : sorted) {
        writer.addDocument(toDocument(c, sim));
      }
      writer.forceMerge(1);
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    }
    return data;
  }

  /**
   * Brings the index in {@code dir} to exactly {@code chunks}, touching only the documents that
   * changed: a document (by path) whose stored chunks have the same document hash and the same
   * chunk ids stays as it is; any other is deleted and added again; a document no longer present
   * is deleted. Nothing changed and the same commit data: no commit at all, the index keeps its
   * bytes. Like {@link #write}, the change is published by one commit (a crash leaves the previous
   * index). Falls back to {@link #write} when there is no index, or it was written with other
   * commit data than {@code commitData} says (another model, chunker or layout).
   *
   * @return what was done and the commit user data
   */
  public static Update update(
      Path dir, List<IndexedChunk> chunks, boolean unitVectors, Map<String, String> commitData)
      throws IOException {
    return update(dir, chunks, unitVectors, commitData, Set.of());
  }

  /**
   * As {@link #update(Path, List, boolean, Map)}, for {@code chunks} that are only part of the
   * index: the documents (by path) in {@code kept} stay as they are stored, and the commit's chunk
   * count and checksum cover their chunks too. A caller that knows which documents did not change
   * then hands over only the others. With documents to keep there must be an index made with the
   * same commit data: it cannot be rebuilt from part of its chunks.
   *
   * @throws IOException also when {@code kept} is not empty and there is no such index
   */
  public static Update update(Path dir, List<IndexedChunk> chunks, boolean unitVectors,
      Map<String, String> commitData, Set<String> kept) throws IOException {
    Map<String, DocumentVersion> stored;
    Map<String, String> storedData;
    try (KnowledgeBase kb = KnowledgeBase.openIfExists(dir).orElse(null)) {
      if (kb == null) {
        requireNothingKept(kept, dir);
        return new Update(write(dir, chunks, unitVectors, commitData), true, chunks.size());
      }
      stored = kb.documentVersions();
      storedData = kb.commitData();
    }
    for (Map.Entry<String, String> e : commitData.entrySet()) {
      if (!e.getValue().equals(storedData.get(e.getKey()))) {
        requireNothingKept(kept, dir);
        return new Update(write(dir, chunks, unitVectors, commitData), true, chunks.size());
      }
    }
    List<IndexedChunk> sorted = sorted(chunks);
    List<String> allIds = new ArrayList<>();
    for (IndexedChunk c : sorted) {
      allIds.add(c.chunkId());
    }
    for (String path : kept) {
      DocumentVersion v = stored.get(path);
      if (v != null) {
        allIds.addAll(v.chunkIds());
      }
    }
    Map<String, String> data = new HashMap<>(commitData);
    data.put(COMMIT_CHUNKS, Integer.toString(allIds.size()));
    data.put(COMMIT_CHUNK_IDS_SHA256, idsSha256(allIds));
    Map<String, List<IndexedChunk>> byDoc = new LinkedHashMap<>();
    for (IndexedChunk c : sorted) {
      byDoc.computeIfAbsent(c.docPath(), k -> new ArrayList<>()).add(c);
    }
    List<String> gone = new ArrayList<>();
    for (String path : stored.keySet()) {
      if (!byDoc.containsKey(path) && !kept.contains(path)) {
        gone.add(path);
      }
    }
    List<List<IndexedChunk>> replaced = new ArrayList<>();
    for (Map.Entry<String, List<IndexedChunk>> e : byDoc.entrySet()) {
      DocumentVersion was = stored.get(e.getKey());
      if (was == null || !was.matches(e.getValue())) {
        replaced.add(e.getValue());
      }
    }
    if (gone.isEmpty() && replaced.isEmpty() && data.equals(storedData)) {
      return new Update(data, false, 0);
    }
    int added = 0;
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, config(IndexWriterConfig.OpenMode.APPEND))) {
      VectorSimilarityFunction sim = similarity(unitVectors);
      for (String path : gone) {
        writer.deleteDocuments(new Term(DOC_PATH, path));
      }
      for (List<IndexedChunk> doc : replaced) {
        writer.deleteDocuments(new Term(DOC_PATH, doc.get(0).docPath()));
        for (IndexedChunk c : doc) {
          writer.addDocument(toDocument(c, sim));
          added++;
        }
      }
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    }
    return new Update(data, true, added);
  }

  private static void requireNothingKept(Set<String> kept, Path dir) throws IOException {
    if (!kept.isEmpty()) {
      throw new IOException("the knowledge base in " + dir + " is gone or was made with other settings"
          + " since this run began; run stage3 again");
    }
  }

  /**
   * What {@link #update} did.
   *
   * @param commitData the commit user data now in the index
   * @param committed whether a new commit was written
   * @param chunksWritten chunks added (all of them when the index was rebuilt)
   */
  public record Update(Map<String, String> commitData, boolean committed, int chunksWritten) {}

  /** A stored document: its hash and chunk ids, to tell whether it must be written again. */
  record DocumentVersion(String sha256, java.util.Set<String> chunkIds, boolean exact) {
    boolean matches(List<IndexedChunk> chunks) {
      if (!exact || sha256.isEmpty() || chunks.size() != chunkIds.size()) {
        return false;
      }
      for (IndexedChunk c : chunks) {
        if (!c.docSha256().equals(sha256) || !chunkIds.contains(c.chunkId())) {
          return false;
        }
      }
      return true;
    }
  }

  private static List<IndexedChunk> sorted(List<IndexedChunk> chunks) {
    List<IndexedChunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparing(IndexedChunk::docPath).thenComparingInt(IndexedChunk::ordinal)
        .thenComparing(IndexedChunk::chunkId));
    return sorted;
  }

  private static Map<String, String> commitData(List<IndexedChunk> sorted, Map<String, String> given) {
    Map<String, String> data = new HashMap<>(given);
    data.put(COMMIT_CHUNKS, Integer.toString(sorted.size()));
    data.put(COMMIT_CHUNK_IDS_SHA256, chunkIdsSha256(sorted));
    return data;
  }

  private static VectorSimilarityFunction similarity(boolean unitVectors) {
    return unitVectors ? VectorSimilarityFunction.DOT_PRODUCT : VectorSimilarityFunction.COSINE;
  }

  private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
    return new IndexWriterConfig(analyzer())
        .setOpenMode(mode)
        .setCommitOnClose(false)
        .setUseCompoundFile(true)
        .setRAMBufferSizeMB(ramBufferMb());
  }

  /**
   * Lucene's default 16 MB buffer flushed a 4,447-chunk knowledge base (a stored copy of each
   * vector, text and metadata: about 30 MB) as several segments, each with its own HNSW graph, and
   * the closing {@code forceMerge(1)} then built the merged graph again. A buffer that holds a film's
   * knowledge base flushes one segment, and the merge has nothing to do. It is a flush threshold,
   * not an allocation; capped at a quarter of the heap for small workers.
   */
  static double ramBufferMb() {
    double quarterHeap = Runtime.getRuntime().maxMemory() / 4.0 / (1024 * 1024);
    return Math.max(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB, Math.min(256, quarterHeap));
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
    MessageDigest sha = Sha256.digest();
    for (String id : sorted) {
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return HexFormat.of().formatHex(sha.digest());
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
    d.add(new StringField(DOC_SHA256, c.docSha256(), Field.Store.YES));
    Map<String, String> meta = metadata(c.metadataJson());
    d.add(new StringField(TYPE, meta.getOrDefault(TYPE, "document"), Field.Store.NO));
    if (meta.containsKey(VIDEO_ID)) {
      d.add(new StringField(VIDEO_ID, meta.get(VIDEO_ID), Field.Store.NO));
    }
    d.add(new StoredField(TOKENS, c.tokens()));
    d.add(new StoredField(HEADINGS_JSON, headingsJson(c.headingList())));
    d.add(new TextField(SEARCH, c.title() + "\n" + c.headings() + "\n" + c.text(), Field.Store.NO));
    d.add(new KnnFloatVectorField(VECTOR, c.vector(), sim));
    d.add(new StoredField(VECTOR_BYTES, toBytes(c.vector())));
    return d;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static String headingsJson(List<String> headings) {
    try {
      return JSON.writeValueAsString(headings);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The metadata JSON object's string fields (a malformed one has none). */
  static Map<String, String> metadata(String json) {
    Map<String, String> out = new HashMap<>();
    try {
      JSON.readTree(json == null ? "{}" : json).fields()
          .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Not JSON: nothing to filter on.
    }
    return out;
  }

  static List<String> headingsFromJson(String json) {
    try {
      return List.of(JSON.readValue(json, String[].class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored headings are not a JSON array: " + json, e);
    }
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
