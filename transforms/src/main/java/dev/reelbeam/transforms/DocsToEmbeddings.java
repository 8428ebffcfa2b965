package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import javax.annotation.Nullable;
import dev.reelbeam.transforms.coders.ChunkEmbeddingCoder;
import dev.reelbeam.transforms.coders.ChunkCoder;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.lucene.IndexedChunk;
import dev.reelbeam.io.lucene.KnowledgeBase;
import dev.reelbeam.io.lucene.KnowledgeBaseFields;
import dev.reelbeam.transforms.embed.ChunkEmbedding;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import dev.reelbeam.transforms.text.Chunk;
import dev.reelbeam.transforms.text.Chunker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;

/**
 * Documents to chunk embeddings: chunking on paragraph and sentence boundaries, then batched ONNX
 * inference on the CPU with the model loaded once per worker JVM.
 *
 * <pre>{@code
 * DocsToEmbeddings.Result r = documents.apply(
 *     DocsToEmbeddings.create().withModel("all-minilm-l6-v2-q").withChunkSize(512));
 * PCollection<ChunkEmbedding> vectors = r.embeddings();
 * PCollection<ErrorRecord> bad = r.errors(); // documents that cannot be chunked, stage "docs"
 * }</pre>
 *
 * <p>With {@link #withReuseFrom}, the previous knowledge base is a cache at two depths. A document
 * whose bytes are unchanged (same SHA-256, same model bytes, same chunker settings) gets its
 * stored chunks and vectors back as they are: it is neither chunked (tokenised) nor embedded, and
 * the model is not even loaded when no document changed. A changed document is chunked again, and
 * those of its chunks already in the index (same chunk id) keep their stored vector; only new
 * chunks are embedded.
 */
@AutoValue
public abstract class DocsToEmbeddings
    extends PTransform<PCollection<Document>, DocsToEmbeddings.Result> {

  /** Beam counter names (namespace {@code DocsToEmbeddings}). */
  public static final String CHUNKS_EMBEDDED = "chunks_embedded";

  public static final String CHUNKS_REUSED = "chunks_reused";

  public abstract EmbeddingModelSpec getModel();

  public abstract int getChunkSize();

  public abstract int getChunkOverlap();

  public abstract int getBatchSize();

  abstract int getThreads();

  abstract @Nullable String getReuseFrom();

  abstract int getEmbeddingGroups();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setModel(EmbeddingModelSpec model);

    abstract Builder setChunkSize(int chars);

    abstract Builder setChunkOverlap(int chars);

    abstract Builder setBatchSize(int chunks);

    abstract Builder setThreads(int n);

    abstract Builder setReuseFrom(@Nullable String knowledgeBaseDir);

    abstract Builder setEmbeddingGroups(int n);

    abstract DocsToEmbeddings build();
  }

  DocsToEmbeddings() {}

  /** all-MiniLM-L6-v2, 512-character chunks with 50 overlap, batches of 32, all cores. */
  public static DocsToEmbeddings create() {
    return new AutoValue_DocsToEmbeddings.Builder()
        .setModel(EmbeddingModelSpec.resolve(EmbeddingModelSpec.DEFAULT))
        .setChunkSize(Chunker.DEFAULT_CHUNK_SIZE)
        .setChunkOverlap(Chunker.DEFAULT_OVERLAP)
        .setBatchSize(32)
        .setThreads(0)
        .setEmbeddingGroups(1)
        .build();
  }

  /** A built-in model name or a sentence-transformers ONNX export directory. */
  public DocsToEmbeddings withModel(String nameOrDir) {
    return withModel(EmbeddingModelSpec.resolve(nameOrDir));
  }

  public DocsToEmbeddings withModel(EmbeddingModelSpec spec) {
    checkArgument(spec != null, "model must not be null");
    return toBuilder().setModel(spec).build();
  }

  /**
   * Target chunk length in characters (at least 32). The overlap must be at most half of it; that
   * is checked when the transform is applied, so the two may be set in either order.
   */
  public DocsToEmbeddings withChunkSize(int chars) {
    checkArgument(chars >= 32, "chunkSize must be at least 32 characters, got %s", chars);
    return toBuilder().setChunkSize(chars).build();
  }

  /** Characters (whole words) a chunk repeats from the end of the one before. */
  public DocsToEmbeddings withChunkOverlap(int chars) {
    checkArgument(chars >= 0, "chunkOverlap must be 0 or more, got %s", chars);
    return toBuilder().setChunkOverlap(chars).build();
  }

  /** Chunks per ONNX Runtime call. */
  public DocsToEmbeddings withBatchSize(int chunks) {
    checkArgument(chunks >= 1 && chunks <= 1024, "batchSize must be between 1 and 1024, got %s", chunks);
    return toBuilder().setBatchSize(chunks).build();
  }

  /**
   * A step that starts loading this transform's model ({@link Embedder#preload}: the JVM-wide
   * instance the embedding step uses, and the chunker's tokenizer) on a thread of its own when
   * its input's first element arrives. For a graph whose documents come late but which knows when
   * a core falls idle: {@code run} embeds the film's scenes only once its outputs are written, and
   * loaded there the model (about 1 s of one core) was a serial step at the run's end while the
   * other core idled; applied to the decoded segments, the load starts when the first segment
   * ends, on the core it freed. Outputs nothing and changes no output: the embedding step takes
   * the instance loaded here, or loads it itself (and reports the error) if this load failed. On a
   * runner with several worker JVMs it helps only the one that runs both steps; a rerun whose
   * chunks all keep their stored vectors pays for a load it does not need.
   */
  public WarmUp warmUp() {
    return new WarmUp(getModel(), getThreads());
  }

  /** See {@link #warmUp}. */
  public static final class WarmUp extends PTransform<PCollection<?>, PDone> {
    private final EmbeddingModelSpec model;
    private final int threads;

    WarmUp(EmbeddingModelSpec model, int threads) {
      this.model = model;
      this.threads = threads;
    }

    @Override
    public PDone expand(PCollection<?> trigger) {
      return startOn(trigger);
    }

    private <T> PDone startOn(PCollection<T> trigger) {
      trigger.apply("StartLoadingModel", ParDo.of(new WarmFn<T>(model, threads)));
      return PDone.in(trigger.getPipeline());
    }
  }

  /** Starts the load on the first element; later ones find it started (a map lookup). */
  static final class WarmFn<T> extends DoFn<T, Void> {
    private final EmbeddingModelSpec model;
    private final int threads;

    WarmFn(EmbeddingModelSpec model, int threads) {
      this.model = model;
      this.threads = threads;
    }

    @ProcessElement
    public void process() {
      Embedder.preload(model, threads);
    }
  }

  /** ONNX Runtime intra-op threads; 0 for all cores. */
  public DocsToEmbeddings withThreads(int n) {
    checkArgument(n >= 0, "threads must be 0 (all cores) or more, got %s", n);
    return toBuilder().setThreads(n).build();
  }

  /**
   * A previous knowledge base whose vectors may be reused: a local Lucene index folder, or the URI
   * of one published on a Beam filesystem ({@code PublishedIndex}); null for none.
   */
  public DocsToEmbeddings withReuseFrom(@Nullable String knowledgeBaseDir) {
    return toBuilder().setReuseFrom(knowledgeBaseDir).build();
  }

  /**
   * How many groups the chunks to embed are gathered into (default 1): each group is embedded by
   * one worker, sorted by length, in full batches. One group suits one machine (every inference
   * already uses all its cores) and makes the batches, hence the float vectors' last bits, the
   * same on every runner; more spread a large collection over a cluster's machines.
   */
  public DocsToEmbeddings withEmbeddingGroups(int n) {
    checkArgument(n >= 1, "embedding groups must be at least 1, got %s", n);
    return toBuilder().setEmbeddingGroups(n).build();
  }

  /**
   * The chunker's identity as the index's commit records it: a stored document's chunks are
   * reused only when it is the same.
   */
  public static String chunkerKey(EmbeddingModelSpec model, int chunkSize, int chunkOverlap) {
    return "size=" + chunkSize + ";overlap=" + chunkOverlap + ";max_tokens=" + model.maxTokens();
  }

  /** The index layout whose stored chunks this transform can reuse. */
  public static final String INDEX_FORMAT = "2";

  private static final TupleTag<ChunkEmbedding> REUSED = new TupleTag<>() {};
  private static final TupleTag<Document> CHANGED = new TupleTag<>() {};
  private static final TupleTag<Chunk> CHUNKS = new TupleTag<>() {};
  private static final TupleTag<ChunkEmbedding> STORED = new TupleTag<>() {};
  private static final TupleTag<Chunk> NEW_CHUNKS = new TupleTag<>() {};

  /** The stage of this transform's error records: one per document, as {@code ReadDocuments}' are. */
  public static final String STAGE = "docs";

  /** Chunk embeddings, and the documents that could not be chunked. */
  public static final class Result extends WithErrors<ChunkEmbedding> {
    Result(PCollection<ChunkEmbedding> embeddings, PCollection<ErrorRecord> errors) {
      super(embeddings.getPipeline(), new TupleTag<>("embeddings"), embeddings, new TupleTag<>("errors"), errors);
    }

    public PCollection<ChunkEmbedding> embeddings() {
      return output();
    }
  }

  @Override
  public Result expand(PCollection<Document> documents) {
    EmbeddingModelSpec model = getModel();
    int chunkSize = getChunkSize();
    int chunkOverlap = getChunkOverlap();
    int batchSize = getBatchSize();
    int threads = getThreads();
    String reuseFrom = getReuseFrom();
    int groups = getEmbeddingGroups();
    // Cross-field, here rather than in a with method: a with call never reads another setting.
    checkArgument(chunkOverlap * 2 <= chunkSize,
        "chunkOverlap must be at most chunkSize / 2, got overlap %s for size %s", chunkOverlap, chunkSize);
    PCollection<Document> toChunk = documents;
    PCollection<ChunkEmbedding> unchanged = null;
    if (reuseFrom != null) {
      PCollectionTuple split = documents.apply("Reuse unchanged documents",
          ParDo.of(new ReuseFn(model, chunkerKey(model, chunkSize, chunkOverlap), reuseFrom))
              .withOutputTags(REUSED, TupleTagList.of(CHANGED)));
      unchanged = split.get(REUSED).setCoder(ChunkEmbeddingCoder.of());
      toChunk = split.get(CHANGED).setCoder(documents.getCoder());
    }
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple chunked = toChunk
        .apply("Chunk", ParDo.of(new ChunkFn(model, chunkSize, chunkOverlap, bad))
            .withOutputTags(CHUNKS, TupleTagList.of(bad)));
    PCollection<Chunk> chunks = chunked.get(CHUNKS).setCoder(ChunkCoder.of());
    List<PCollection<ChunkEmbedding>> parts = new ArrayList<>();
    if (unchanged != null) {
      parts.add(unchanged);
    }
    if (reuseFrom != null) {
      PCollectionTuple looked = chunks.apply("Reuse stored vectors",
          ParDo.of(new StoredVectorFn(model, reuseFrom))
              .withOutputTags(STORED, TupleTagList.of(NEW_CHUNKS)));
      parts.add(looked.get(STORED).setCoder(ChunkEmbeddingCoder.of()));
      chunks = looked.get(NEW_CHUNKS).setCoder(ChunkCoder.of());
    }
    // Gathered before embedding: a runner's bundles may hold a document or two, and batches made
    // per bundle ran part-empty and unsorted (3 x a bare ONNX Runtime session's time on 767 chunks).
    // Gathered as a side input, not by a GroupByKey into one key: the Direct runner copies a key's
    // whole bag through the coder for every bundle that adds to it, O(n^2) in the chunks (5.6 of
    // 71 CPU seconds on 767 chunks, and growing with the square).
    PCollectionView<List<Iterable<Chunk>>> gathered = chunks.apply("Gather for batching", GatherAll.create());
    List<Integer> groupIds = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      groupIds.add(g);
    }
    parts.add(documents.getPipeline()
        .apply("Embedding groups", Create.of(groupIds).withCoder(VarIntCoder.of()))
        .apply("Embed", ParDo.of(new EmbedFn(model, batchSize, threads, groups, gathered))
            .withSideInputs(gathered))
        .setCoder(ChunkEmbeddingCoder.of()));
    PCollection<ChunkEmbedding> embedded = parts.size() == 1
        ? parts.get(0)
        : PCollectionList.of(parts)
            .apply("All chunks", Flatten.pCollections())
            .setCoder(ChunkEmbeddingCoder.of());
    return new Result(embedded, chunked.get(bad));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("model", getModel().name()).withLabel("Embedding model"))
        .add(DisplayData.item("chunkSize", getChunkSize()).withLabel("Chunk size (characters)"))
        .add(DisplayData.item("chunkOverlap", getChunkOverlap()).withLabel("Chunk overlap (characters)"))
        .add(DisplayData.item("batchSize", getBatchSize()).withLabel("Chunks per ONNX call"))
        .add(DisplayData.item("threads", getThreads()).withLabel("ONNX threads (0: all cores)"))
        .addIfNotNull(DisplayData.item("reuseFrom", getReuseFrom()).withLabel("Previous knowledge base"));
  }
  /**
   * Opens {@code dir}'s index when its commit was made with this model and, when {@code chunker}
   * is given, these chunker settings and layout; else empty (its vectors or chunks mean nothing here).
   */
  static Optional<KnowledgeBase> openCompatible(String dir, EmbeddingModelSpec model, String chunker)
      throws IOException {
    // A remote output's index is read from a local copy of what was published (PublishedIndex).
    Optional<KnowledgeBase> kb = KnowledgeBase.openIfExists(dir);
    if (kb.isEmpty()) {
      return kb;
    }
    Map<String, String> data = kb.get().commitData();
    boolean same = model.onnxSha256().equals(data.get(KnowledgeBaseFields.COMMIT_MODEL_SHA256))
        && model.pooling().name().equals(data.get(KnowledgeBaseFields.COMMIT_POOLING))
        && (chunker == null || (chunker.equals(data.get(KnowledgeBaseFields.COMMIT_CHUNKER))
            && INDEX_FORMAT.equals(data.get(KnowledgeBaseFields.COMMIT_FORMAT))));
    if (!same) {
      kb.get().close();
      return Optional.empty();
    }
    return kb;
  }

  /**
   * Documents whose bytes the previous index already holds, chunked and embedded under the same
   * model and chunker, come out as their stored chunk embeddings; the others go on to be chunked.
   */
  static final class ReuseFn extends DoFn<Document, ChunkEmbedding> {
    private final EmbeddingModelSpec model;
    private final String chunker;
    private final String reuseFrom;
    private final Counter reused = Metrics.counter(DocsToEmbeddings.class, CHUNKS_REUSED);
    private transient KnowledgeBase previous;

    ReuseFn(EmbeddingModelSpec model, String chunker, String reuseFrom) {
      this.model = model;
      this.chunker = chunker;
      this.reuseFrom = reuseFrom;
    }

    @Setup
    public void setup() throws IOException {
      previous = openCompatible(reuseFrom, model, chunker).orElse(null);
    }

    @ProcessElement
    public void process(@Element Document doc, MultiOutputReceiver out) throws IOException {
      List<IndexedChunk> stored = previous == null ? List.of() : previous.chunksOf(doc.path(), doc.sha256());
      if (stored.isEmpty()) {
        out.get(CHANGED).output(doc);
        return;
      }
      for (IndexedChunk c : stored) {
        Chunk chunk = new Chunk(c.chunkId(), doc.docId(), doc.path(), c.ordinal(), doc.title(),
            c.headingList(), c.text(), doc.metadata(), c.tokens());
        out.get(REUSED).output(new ChunkEmbedding(chunk, c.vector(), true));
      }
      reused.inc(stored.size());
    }

    @Teardown
    public void teardown() throws IOException {
      if (previous != null) {
        previous.close();
        previous = null;
      }
    }
  }

  /** Splits each document; counts tokens with the model's own tokenizer. */
  static final class ChunkFn extends DoFn<Document, Chunk> {
    private final EmbeddingModelSpec model;
    private final int chunkSize;
    private final int overlap;
    private final TupleTag<ErrorRecord> bad;
    private transient Chunker chunker;

    ChunkFn(EmbeddingModelSpec model, int chunkSize, int overlap, TupleTag<ErrorRecord> bad) {
      this.model = model;
      this.chunkSize = chunkSize;
      this.overlap = overlap;
      this.bad = bad;
    }

    @ProcessElement
    public void process(@Element Document doc, MultiOutputReceiver out) throws IOException {
      // A chunk's id hashes the document's path and is stored under its id: without both, the
      // document cannot be indexed (a Document built by the caller's own code, not ReadDocuments).
      if (blank(doc.path()) || blank(doc.docId())) {
        String input = blank(doc.path()) ? String.valueOf(doc.title()) : doc.path();
        out.get(bad).output(new ErrorRecord(input, blank(doc.docId()) ? input : doc.docId(), STAGE,
            IllegalArgumentException.class.getName(),
            "document " + input + " has no " + (blank(doc.path()) ? "path" : "id") + ": it cannot be indexed"));
        return;
      }
      if (chunker == null) {
        // Loaded on the first document, not in @Setup: a rerun with nothing changed never loads it.
        // The tokenizer alone: the model is loaded where chunks are embedded.
        chunker = new Chunker(chunkSize, overlap, model.maxTokens(), Embedder.sharedTokenCounter(model));
      }
      for (Chunk c : chunker.chunk(doc)) {
        out.get(CHUNKS).output(c);
      }
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }
  }

  /**
   * A changed document's chunks that the previous index already holds (same chunk id) keep their
   * stored vector; the others go on to be embedded.
   */
  static final class StoredVectorFn extends DoFn<Chunk, ChunkEmbedding> {
    private final EmbeddingModelSpec model;
    private final String reuseFrom;
    private final Counter reused = Metrics.counter(DocsToEmbeddings.class, CHUNKS_REUSED);
    private transient KnowledgeBase previous;

    StoredVectorFn(EmbeddingModelSpec model, String reuseFrom) {
      this.model = model;
      this.reuseFrom = reuseFrom;
    }

    @Setup
    public void setup() throws IOException {
      // Any chunker: a chunk id is a hash of its text, so its vector is valid under any settings.
      previous = openCompatible(reuseFrom, model, null).orElse(null);
    }

    @ProcessElement
    public void process(@Element Chunk chunk, MultiOutputReceiver out) throws IOException {
      Optional<float[]> v = previous == null ? Optional.empty() : previous.vector(chunk.chunkId());
      if (v.isPresent()) {
        reused.inc();
        out.get(STORED).output(new ChunkEmbedding(chunk, v.get(), true));
      } else {
        out.get(NEW_CHUNKS).output(chunk);
      }
    }

    @Teardown
    public void teardown() throws IOException {
      if (previous != null) {
        previous.close();
        previous = null;
      }
    }
  }

  /**
   * Embeds a group of chunks in batches of similar length (a batch pads to its longest member),
   * as a bare ONNX Runtime session given all of them would.
   */
  static final class EmbedFn extends DoFn<Integer, ChunkEmbedding> {
    private final EmbeddingModelSpec model;
    private final int batchSize;
    private final int threads;
    private final int groups;
    private final PCollectionView<List<Iterable<Chunk>>> gathered;
    private final Counter embedded = Metrics.counter(DocsToEmbeddings.class, CHUNKS_EMBEDDED);
    // The run's progress line and execution_metadata.json read the "reelbeam" namespace.
    private final Counter chunks = Metrics.counter("reelbeam", "chunks");

    EmbedFn(EmbeddingModelSpec model, int batchSize, int threads, int groups,
        PCollectionView<List<Iterable<Chunk>>> gathered) {
      this.model = model;
      this.batchSize = batchSize;
      this.threads = threads;
      this.groups = groups;
      this.gathered = gathered;
    }

    /** The group a chunk is embedded in: by its id, so the same on every runner and run. */
    static int groupOf(Chunk c, int groups) {
      return groups == 1 ? 0 : Math.floorMod(c.chunkId().hashCode(), groups);
    }

    @ProcessElement
    public void process(ProcessContext ctx) throws IOException {
      int group = ctx.element();
      List<Chunk> all = new ArrayList<>();
      for (Chunk c : GatherAll.flatten(ctx.sideInput(gathered))) {
        if (groupOf(c, groups) == group) {
          all.add(c);
        }
      }
      if (all.isEmpty()) {
        return;
      }
      Embedder embedder = Embedder.shared(model, threads);
      all.sort(Comparator.comparingInt(Chunk::tokens).thenComparing(Chunk::chunkId));
      for (int i = 0; i < all.size(); i += batchSize) {
        List<Chunk> batch = all.subList(i, Math.min(all.size(), i + batchSize));
        List<String> texts = new ArrayList<>(batch.size());
        for (Chunk c : batch) {
          texts.add(c.embeddingText());
        }
        List<float[]> vectors = embedder.embed(texts);
        for (int j = 0; j < batch.size(); j++) {
          ctx.output(new ChunkEmbedding(batch.get(j), vectors.get(j), false));
        }
        embedded.inc(batch.size());
        chunks.inc(batch.size());
      }
    }
  }
}
