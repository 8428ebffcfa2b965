package dev.reelbeam.io.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Field names and the analyzer shared by the index writer and its readers. */
public final class KnowledgeBaseFields {
  public static final String CHUNK_ID = "chunk_id";
  public static final String DOC_ID = "doc_id";
  public static final String DOC_PATH = "doc_path";
  public static final String ORDINAL = "ordinal";
  public static final String TITLE = "title";
  public static final String HEADINGS = "headings";
  public static final String TEXT = "text";
  public static final String METADATA = "metadata";
  /** SHA-256 of the document's bytes (keyword, stored): an unchanged document's chunks are reused. */
  public static final String DOC_SHA256 = "doc_sha256";
  /** Tokens the model saw for the chunk (stored). */
  public static final String TOKENS = "tokens";
  /** The heading path as a JSON array (stored), exact where {@link #HEADINGS} is joined. */
  public static final String HEADINGS_JSON = "headings_json";
  /**
   * Keywords from the chunk's metadata, indexed for filtering: {@code type} ({@code document},
   * {@code scene}, {@code subtitle}) and the {@code video_id} of a scene or subtitle chunk.
   */
  public static final String TYPE = "type";

  public static final String VIDEO_ID = "video_id";
  /** Title, headings and text, analysed for BM25; not stored. */
  public static final String SEARCH = "search";
  /** The embedding, HNSW-indexed. */
  public static final String VECTOR = "vector";
  /** The embedding's bytes, stored, so a rerun reuses it instead of embedding again. */
  public static final String VECTOR_BYTES = "vector_bytes";

  /** Commit user data keys. */
  public static final String COMMIT_MODEL = "model";
  public static final String COMMIT_MODEL_SHA256 = "model_sha256";
  public static final String COMMIT_POOLING = "pooling";
  public static final String COMMIT_DIMENSION = "dimension";
  public static final String COMMIT_CHUNKS = "chunks";
  public static final String COMMIT_CHUNK_IDS_SHA256 = "chunk_ids_sha256";
  /** Chunker settings: a document's stored chunks are reused only under the same ones. */
  public static final String COMMIT_CHUNKER = "chunker";
  /** The index layout's version. */
  public static final String COMMIT_FORMAT = "format_version";

  private KnowledgeBaseFields() {}

  /** English stemming and stop words: "wrestles" finds "wrestler". */
  public static Analyzer analyzer() {
    return new EnglishAnalyzer();
  }
}
