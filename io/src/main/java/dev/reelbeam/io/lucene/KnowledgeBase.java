package dev.reelbeam.io.lucene;

import static dev.reelbeam.io.lucene.KnowledgeBaseFields.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The knowledge base opened for reading: chunk lookup by id (to reuse vectors on a rerun) and the
 * three retrieval modes. Thread-safe for searching.
 */
public final class KnowledgeBase implements AutoCloseable {

  /** Reciprocal rank fusion's constant (Cormack et al. 2009): damps the head of each list. */
  public static final int RRF_K = 60;

  private final FSDirectory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private KnowledgeBase(FSDirectory dir, DirectoryReader reader) {
    this.dir = dir;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(new BM25Similarity());
  }

  /**
   * The index at {@code location}: a local folder, or a Beam filesystem URI where it was {@link
   * PublishedIndex published} (opened from a local copy); empty when there is no finished index.
   */
  public static Optional<KnowledgeBase> openIfExists(String location) throws IOException {
    Optional<Path> local = PublishedIndex.localFolder(location);
    return local.isEmpty() ? Optional.empty() : openIfExists(local.get());
  }

  /** The last commit in {@code dir}, or empty when there is no index there. */
  public static Optional<KnowledgeBase> openIfExists(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Optional.empty();
    }
    FSDirectory dir = FSDirectory.open(path);
    if (!DirectoryReader.indexExists(dir)) {
      dir.close();
      return Optional.empty();
    }
    return Optional.of(new KnowledgeBase(dir, DirectoryReader.open(dir)));
  }

  /** What the writer recorded with the commit (model, counts, checksum). */
  public Map<String, String> commitData() throws IOException {
    return reader.getIndexCommit().getUserData();
  }

  public int size() {
    return reader.numDocs();
  }

  /** Every chunk id in the index (deleted chunks of an updated index not counted). */
  public Set<String> chunkIds() throws IOException {
    Set<String> ids = new HashSet<>();
    StoredFields stored = reader.storedFields();
    org.apache.lucene.util.Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
    for (int i = 0; i < reader.maxDoc(); i++) {
      if (live != null && !live.get(i)) {
        continue;
      }
      ids.add(stored.document(i, Set.of(CHUNK_ID)).get(CHUNK_ID));
    }
    return ids;
  }

  /** Every stored document by path: its hash and chunk ids (for {@link KnowledgeBaseWriter#update}). */
  Map<String, KnowledgeBaseWriter.DocumentVersion> documentVersions() throws IOException {
    Map<String, String> sha = new java.util.HashMap<>();
    Map<String, Set<String>> ids = new java.util.HashMap<>();
    Set<String> mixed = new HashSet<>();
    StoredFields stored = reader.storedFields();
    org.apache.lucene.util.Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
    for (int i = 0; i < reader.maxDoc(); i++) {
      if (live != null && !live.get(i)) {
        continue;
      }
      Document d = stored.document(i, Set.of(CHUNK_ID, DOC_PATH, DOC_SHA256));
      String path = d.get(DOC_PATH);
      String h = d.get(DOC_SHA256) == null ? "" : d.get(DOC_SHA256);
      if (!h.equals(sha.getOrDefault(path, h))) {
        mixed.add(path);
      }
      sha.put(path, h);
      ids.computeIfAbsent(path, k -> new HashSet<>()).add(d.get(CHUNK_ID));
    }
    Map<String, KnowledgeBaseWriter.DocumentVersion> out = new java.util.HashMap<>();
    for (Map.Entry<String, Set<String>> e : ids.entrySet()) {
      out.put(e.getKey(), new KnowledgeBaseWriter.DocumentVersion(
          sha.get(e.getKey()), e.getValue(), !mixed.contains(e.getKey())));
    }
    return out;
  }

  /**
   * The stored chunks of the document at {@code docPath} when they were made from a file with
   * hash {@code docSha256}, in chunk order, with their vectors; empty when the index has no such
   * version of the document (another hash, or an index written before hashes were stored).
   */
  public List<IndexedChunk> chunksOf(String docPath, String docSha256) throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(DOC_PATH, docPath)), Integer.MAX_VALUE);
    List<IndexedChunk> out = new ArrayList<>(top.scoreDocs.length);
    StoredFields stored = reader.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      Document d = stored.document(sd.doc);
      if (!docSha256.equals(d.get(DOC_SHA256)) || d.get(HEADINGS_JSON) == null) {
        return List.of();
      }
      BytesRef b = d.getBinaryValue(VECTOR_BYTES);
      out.add(new IndexedChunk(d.get(CHUNK_ID), d.get(DOC_ID), docPath,
          d.getField(ORDINAL).numericValue().intValue(), d.get(TITLE), d.get(HEADINGS), d.get(TEXT),
          d.get(METADATA), KnowledgeBaseWriter.fromBytes(b.bytes, b.offset, b.length), docSha256,
          d.getField(TOKENS).numericValue().intValue(),
          KnowledgeBaseWriter.headingsFromJson(d.get(HEADINGS_JSON))));
    }
    out.sort(java.util.Comparator.comparingInt(IndexedChunk::ordinal));
    return out;
  }

  /** The stored vector of {@code chunkId}, if the index has that chunk. */
  public Optional<float[]> vector(String chunkId) throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(CHUNK_ID, chunkId)), 1);
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    Document d = reader.storedFields().document(top.scoreDocs[0].doc, Set.of(VECTOR_BYTES));
    BytesRef b = d.getBinaryValue(VECTOR_BYTES);
    return Optional.of(KnowledgeBaseWriter.fromBytes(b.bytes, b.offset, b.length));
  }

  /**
   * A filter from {@code field:value}: {@code video:ID} (a video's scenes and subtitles) or
   * {@code type:document|scene|subtitle}; null for none.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Query filter(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    int colon = spec.indexOf(':');
    String field = colon < 0 ? "" : spec.substring(0, colon).strip();
    String value = colon < 0 ? "" : spec.substring(colon + 1).strip();
    if (field.equals("video") && !value.isEmpty()) {
      return new TermQuery(new Term(VIDEO_ID, value));
    }
    if (field.equals("type") && List.of("document", "scene", "subtitle").contains(value)) {
      return new TermQuery(new Term(TYPE, value));
    }
    throw new IllegalArgumentException(
        "a filter is video:ID or type:document|scene|subtitle, got '" + spec + "'");
  }

  /** Full-text ranking: BM25 over title, headings and text. */
  public List<SearchHit> bm25(String query, int k) throws IOException {
    return bm25(query, k, null);
  }

  /** BM25 among the chunks {@code filter} matches (null: all). */
  public List<SearchHit> bm25(String query, int k, Query filter) throws IOException {
    Query q = textQuery(query);
    if (filter != null) {
      q = new org.apache.lucene.search.BooleanQuery.Builder()
          .add(q, org.apache.lucene.search.BooleanClause.Occur.MUST)
          .add(filter, org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .build();
    }
    return hits(searcher.search(q, k));
  }

  /** Nearest chunks to {@code queryVector} (HNSW, approximate). */
  public List<SearchHit> vector(float[] queryVector, int k) throws IOException {
    return vector(queryVector, k, null);
  }

  /** Nearest chunks among those {@code filter} matches (null: all). */
  public List<SearchHit> vector(float[] queryVector, int k, Query filter) throws IOException {
    // A wider beam than k makes the approximate search find the true neighbours on small indexes.
    int candidates = Math.max(k, 100);
    TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, queryVector, candidates, filter), candidates);
    List<SearchHit> all = hits(top);
    return all.size() > k ? all.subList(0, k) : all;
  }

  /**
   * Hybrid ranking: the top {@code depth} of the vector and the BM25 rankings, fused with equal
   * weights by {@link Fusion#relativeScore} (min-max scaled scores, summed). On the labelled
   * query set in the tests it beat reciprocal rank fusion ({@link #hybridRrf}) and both single
   * modes; see {@code src/site/markdown/retrieval.md}.
   */
  public List<SearchHit> hybrid(String query, float[] queryVector, int k, int depth)
      throws IOException {
    return hybrid(query, queryVector, k, depth, null);
  }

  /** {@link #hybrid} among the chunks {@code filter} matches (null: all). */
  public List<SearchHit> hybrid(String query, float[] queryVector, int k, int depth, Query filter)
      throws IOException {
    return Fusion.relativeScore(
        List.of(vector(queryVector, depth, filter), bm25(query, depth, filter)), new double[] {0.5, 0.5}, k);
  }

  /** Reciprocal rank fusion (k = 60) of the vector and BM25 rankings, for comparison. */
  public List<SearchHit> hybridRrf(String query, float[] queryVector, int k, int depth)
      throws IOException {
    return Fusion.reciprocalRank(
        List.of(vector(queryVector, depth), bm25(query, depth)), RRF_K, k);
  }

  private static Query textQuery(String query) {
    QueryParser parser = new QueryParser(SEARCH, analyzer());
    try {
      Query q = parser.parse(QueryParser.escape(query));
      return q == null ? new MatchNoDocsQuery() : q;
    } catch (ParseException e) {
      // Escaped text always parses; only stop-word-only queries come here: nothing to match.
      return new MatchNoDocsQuery();
    }
  }

  private List<SearchHit> hits(TopDocs top) throws IOException {
    List<SearchHit> out = new ArrayList<>();
    StoredFields stored = reader.storedFields();
    int rank = 0;
    for (ScoreDoc sd : top.scoreDocs) {
      Document d = stored.document(sd.doc);
      out.add(new SearchHit(++rank, sd.score, d.get(CHUNK_ID), d.get(DOC_PATH),
          d.getField(ORDINAL).numericValue().intValue(), d.get(TITLE), d.get(HEADINGS),
          d.get(TEXT), d.get(METADATA)));
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
