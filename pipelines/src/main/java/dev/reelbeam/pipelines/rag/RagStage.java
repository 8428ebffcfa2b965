package dev.reelbeam.pipelines.rag;

import dev.reelbeam.transforms.coders.DocumentCoder;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.pipelines.ReelBeamOptions;
import dev.reelbeam.pipelines.ops.Runners;
import dev.reelbeam.transforms.DocsToEmbeddings;
import dev.reelbeam.transforms.embed.ChunkEmbedding;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.outputs.VideoEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Stage 3, the knowledge base, as a branch of any pipeline: read documents, {@link
 * DocsToEmbeddings}, {@link WriteKnowledgeBase}, then {@code rag/rag_summary.json}.
 *
 * <pre>{@code
 * RagStage.Result rag = RagStage.addTo(pipeline, options); // needs --docs
 * pipeline.run().waitUntilFinish();
 * JsonNode summary = RagStage.readSummary(options.getOutput()).orElseThrow();
 * }</pre>
 */
public final class RagStage {
  /** The {@code stage} field of {@code rag_summary.json}. */
  public static final String STAGE = "stage3";

  private RagStage() {}

  /** The branch's outputs: one report when the knowledge base is written, and the bad documents. */
  public record Result(PCollection<KnowledgeBaseReport> report, PCollection<ErrorRecord> errors) {}

  /**
   * Adds the branch for {@code stage3}: the documents of {@code --docs} and, with {@code
   * --indexScenes}, the scenes of the videos already analysed under {@code --output}.
   *
   * @throws IllegalArgumentException when there is nothing to index (no {@code --docs} and no
   *     analysed scenes), {@code --docs} is not a folder of files (local or remote), or the model or chunk settings are
   *     invalid (checked before anything runs)
   */
  public static Result addTo(Pipeline p, ReelBeamOptions options) {
    return addTo(p, options, null);
  }

  /**
   * As {@link #addTo(Pipeline, ReelBeamOptions)}, for a rerun whose {@code plan} (null for none)
   * says which sources changed: only they are read, chunked and embedded, and the knowledge base
   * keeps the rest as it is stored.
   */
  static Result addTo(Pipeline p, ReelBeamOptions options, RerunCheck.Plan plan) {
    String output = outputRoot(options);
    List<String> ids = List.of();
    if (options.as(RagOptions.class).getIndexScenes()) {
      try {
        ids = SceneDocuments.videoIds(output);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot list the scenes under " + output + ": " + e.getMessage(), e);
      }
    }
    // Checked on every analysed video, before a rerun's plan narrows them to the changed ones.
    if (ids.isEmpty() && blank(options.getDocs())) {
      throw new IllegalArgumentException("--docs is required for the knowledge base"
          + " (or analysed scenes under --output, with --indexScenes)");
    }
    if (plan != null) {
      ids = ids.stream().filter(plan.changedVideos()::contains).toList();
    }
    PCollection<String> videoIds = ids.isEmpty() ? null
        : p.apply("Analysed videos", Create.of(ids).withCoder(StringUtf8Coder.of()));
    return build(p, options, videoIds, plan, null);
  }

  /**
   * Adds the knowledge base to {@code run}'s graph: the documents of {@code --docs} and, with
   * {@code --indexScenes} (the default), the scenes of every video once its outputs are written.
   * Adds nothing when neither is asked for. The embedding model starts loading when {@code
   * firstWorkDone} (null for never) has its first element: see {@link DocsToEmbeddings#warmUp}.
   */
  public static Optional<Result> addToRun(Pipeline p, ReelBeamOptions options,
      PCollection<VideoEntry> finished, PCollection<?> firstWorkDone) {
    if (!runBuildsKnowledgeBase(options)) {
      return Optional.empty();
    }
    boolean scenes = options.as(RagOptions.class).getIndexScenes();
    PCollection<String> ids = scenes
        ? finished.apply("Finished videos", MapElements.into(TypeDescriptors.strings()).via(VideoEntry::videoId))
            .setCoder(StringUtf8Coder.of())
        : null;
    return Optional.of(build(p, options, ids, null, firstWorkDone));
  }

  /** Whether {@code run} builds a knowledge base: of the scenes ({@code --indexScenes}) or of {@code --docs}. */
  public static boolean runBuildsKnowledgeBase(ReelBeamOptions options) {
    return options.as(RagOptions.class).getIndexScenes() || !blank(options.getDocs());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Result build(Pipeline p, ReelBeamOptions options, PCollection<String> videoIds,
      RerunCheck.Plan plan, PCollection<?> warmUpTrigger) {
    RagOptions rag = options.as(RagOptions.class);
    // Absolute before the graph is built: workers (a Flink TaskManager) have another working directory.
    String docs = blank(options.getDocs()) ? null : DocumentsRoot.normalize(options.getDocs());
    if (docs != null) {
      DocumentsRoot.check(docs);
    }
    String output = outputRoot(options);
    EmbeddingModelSpec model = EmbeddingModelSpec.resolve(options.getEmbeddingModel());

    DocsToEmbeddings embed = DocsToEmbeddings.create()
        .withModel(model)
        .withChunkSize(rag.getChunkSize())
        .withChunkOverlap(rag.getChunkOverlap())
        .withBatchSize(rag.getEmbedBatchSize());
    // Incremental by default: the previous index is the cache (a chunk id is a hash of its text).
    // --resume=false still reuses vectors; they are the same bytes the model would produce.
    // On a remote output the previous index is the one published there, read from a local copy.
    embed = embed.withReuseFrom(WriteKnowledgeBase.knowledgeBaseLocation(output));
    if (warmUpTrigger != null) {
      warmUpTrigger.apply("Load embedding model early", embed.warmUp());
    }

    List<PCollection<Document>> sources = new ArrayList<>();
    PCollection<ErrorRecord> errors;
    if (docs != null && (plan == null || !plan.changedFiles().isEmpty())) {
      // The Direct runner gains nothing from spreading the files (see withSpread) and pays per bundle.
      ReadDocuments read0 = ReadDocuments.from(docs).withMaxBytes(rag.getMaxDocBytes())
          .withSpread(!Runners.isDirect(options));
      ReadDocuments.Result read = p.apply("Read documents",
          plan == null ? read0 : read0.withOnly(plan.changedFiles()));
      sources.add(read.documents());
      errors = read.errors();
    } else {
      errors = p.apply("No document errors", Create.empty(ErrorRecordCoder.of()));
    }
    if (videoIds != null) {
      sources.add(videoIds.apply("Scene documents", SceneDocuments.from(output)));
    }
    if (sources.isEmpty()) {
      // A rerun in which documents were only removed: nothing to read.
      sources.add(p.apply("No changed documents", Create.empty(DocumentCoder.of())));
    }
    PCollection<Document> documents = PCollectionList.of(sources)
        .apply("All documents", Flatten.pCollections())
        .setCoder(DocumentCoder.of());
    DocsToEmbeddings.Result embedded = documents.apply("DocsToEmbeddings", embed);
    PCollection<ChunkEmbedding> vectors = embedded.embeddings();
    // One record per document, whichever step refused it: both are stage "docs".
    errors = PCollectionList.of(errors).and(embedded.errors())
        .apply("All document errors", Flatten.pCollections());
    WriteKnowledgeBase write = WriteKnowledgeBase.to(output, model, embed.getChunkSize(),
        embed.getChunkOverlap());
    if (plan != null) {
      write = write.keeping(plan.kept(), plan.dimension());
    }
    PCollection<KnowledgeBaseReport> report = PCollectionTuple
        .of(WriteKnowledgeBase.DOCUMENTS, documents)
        .and(WriteKnowledgeBase.EMBEDDINGS, vectors)
        .and(WriteKnowledgeBase.ERRORS, errors)
        .apply("Write knowledge base", write);
    PCollection<KnowledgeBaseReport> written = report
        .apply("Write rag_summary.json", ParDo.of(new SummaryFn(output, options.getFilm(),
            docs == null ? "" : docs, embed.getChunkSize(), embed.getChunkOverlap())))
        .setCoder(KnowledgeBaseReportCoder.of());
    return new Result(written, errors);
  }

  /** {@code --output} as the stores name it: an absolute path, or the URI as given. */
  private static String outputRoot(ReelBeamOptions options) {
    return OutputStore.at(options.getOutput()).root();
  }

  /** {@code rag_summary.json}'s name under the output root. */
  private static final String SUMMARY = "rag/rag_summary.json";

  /** The summary the last run wrote under {@code output} (a path or a URI), if any. */
  public static Optional<JsonNode> readSummary(String output) throws IOException {
    OutputStore store = OutputStore.at(output);
    return store.isFile(SUMMARY) ? Optional.of(RagJson.MAPPER.readTree(store.read(SUMMARY))) : Optional.empty();
  }

  /**
   * Writes {@code rag_summary.json} under {@code output} for report {@code r}: by the pipeline
   * after the knowledge base, or by {@code stage3} itself when nothing changed ({@link RerunCheck}).
   */
  static void writeSummary(String output, String film, String docs, int chunkSize, int chunkOverlap,
      KnowledgeBaseReport r) throws IOException {
    ObjectNode s = RagJson.object();
    s.put("stage", STAGE);
    s.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    s.put("film_name", film);
    s.put("output_dir", output);
    ObjectNode dp = s.putObject("document_processing");
    dp.put("docs_dir", docs.isEmpty() ? "" : DocumentsRoot.normalize(docs));
    dp.put("documents_processed", r.documents());
    dp.put("documents_failed", r.errors().size());
    dp.put("chunks", r.chunks());
    dp.put("chunks_embedded", r.embedded());
    dp.put("chunks_reused", r.reused());
    dp.put("chunks_removed", r.removed());
    dp.put("unchanged", r.unchanged());
    dp.put("chunk_size", chunkSize);
    dp.put("chunk_overlap", chunkOverlap);
    OutputStore store = OutputStore.at(output);
    dp.put("normalized_documents", store.location("rag/documents"));
    ArrayNode errs = dp.putArray("errors");
    r.errors().forEach(errs::add);
    ObjectNode kb = s.putObject("knowledge_base");
    kb.put("path", r.knowledgeBase());
    kb.put("index", "lucene (hnsw vectors, bm25 text)");
    kb.put("embedding_model", r.model());
    kb.put("embedding_dimension", r.dimension());
    kb.put("pooling", r.pooling());
    kb.put("normalized", r.normalized());
    kb.put("total_chunks", r.chunks());
    kb.put("index_metadata", r.knowledgeBase() + "/index_metadata.json");
    s.put("completed", true);
    store.writeIfChanged(SUMMARY, RagJson.bytes(s));
  }

  /** Writes {@code rag_summary.json} with the seed's fields, after the knowledge base. */
  static final class SummaryFn extends DoFn<KnowledgeBaseReport, KnowledgeBaseReport> {
    private final String output;
    private final String film;
    private final String docs;
    private final int chunkSize;
    private final int chunkOverlap;

    SummaryFn(String output, String film, String docs, int chunkSize, int chunkOverlap) {
      this.output = output;
      this.film = film;
      this.docs = docs;
      this.chunkSize = chunkSize;
      this.chunkOverlap = chunkOverlap;
    }

    @ProcessElement
    public void process(@Element KnowledgeBaseReport r, OutputReceiver<KnowledgeBaseReport> out)
        throws IOException {
      writeSummary(output, film, docs, chunkSize, chunkOverlap, r);
      out.output(r);
    }
  }
}
