package dev.reelbeam.pipelines.rag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.pipelines.Command;
import dev.reelbeam.pipelines.CommandLine;
import dev.reelbeam.pipelines.HdfsInput;
import dev.reelbeam.pipelines.PipelineCommand;
import dev.reelbeam.pipelines.ops.Runners;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** {@code stage3}: builds or updates the knowledge base from {@code --docs} alone. */
public final class Stage3Command implements Command {
  private final PrintStream out;
  private final PrintStream err;

  public Stage3Command() {
    this(System.out, System.err);
  }

  public Stage3Command(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public String name() {
    return "stage3";
  }

  @Override
  public String summary() {
    return "Build or update the knowledge base: --docs=DIR|URI --output=DIR|URI [--embeddingModel=...]";
  }

  /**
   * The runner settings of {@code stage3}: as every command's job, without the Direct runner's
   * per-element copy-and-encode checks (seconds of Java serialisation per thousand chunk
   * embeddings); and one Direct runner thread unless {@code --workers} says otherwise. The stage's
   * work is the embedding, and ONNX Runtime's intra-op threads already use every core for it; a
   * second runner thread only ran the runner's scheduler, which polls every transform's
   * watermarks in a loop for as long as a bundle runs (20 of 71 CPU seconds of a first run on 767
   * chunks, on the core ONNX Runtime needed).
   */
  static void applyWorkers(RagOptions options) {
    PipelineCommand.applyWorkers(options, options.getWorkers() > 0 ? options.getWorkers() : 1);
  }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandLine.wantsHelp(args)) {
      CommandLine.printHelp(out, name(), summary(), RagOptions.class);
      return OK;
    }
    if (System.getenv("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true"); // before DJL loads
    }
    RagOptions options;
    try {
      PipelineOptionsFactory.register(RagOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(RagOptions.class);
    } catch (IllegalArgumentException e) {
      err.println("stage3: " + e.getMessage());
      return CANNOT_START;
    }
    boolean remote = Locations.isRemote(options.getOutput());
    boolean remoteDocs = options.getDocs() != null && Locations.isRemote(options.getDocs());
    if (remote || remoteDocs) {
      // Beam's Hadoop filesystem needs a configuration; the NameNode of the URI when none is given.
      if (remoteDocs) {
        HdfsInput.configure(options, options.getDocs());
      }
      HdfsInput.configure(options, options.getOutput());
      FileSystems.setDefaultPipelineOptions(options);
    }
    if (options.getDocs() != null) {
      try {
        DocumentsRoot.check(DocumentsRoot.normalize(options.getDocs()));
      } catch (IllegalArgumentException e) {
        err.println("stage3: " + e.getMessage()
            + " (--docs names a directory of documents, local or on a Beam filesystem such as hdfs://)");
        return CANNOT_START;
      }
    }
    applyWorkers(options);
    long started = System.nanoTime();
    Optional<RerunCheck.Plan> plan = RerunCheck.plan(options);
    Optional<KnowledgeBaseReport> unchanged = plan.filter(RerunCheck.Plan::unchanged).map(RerunCheck.Plan::report);
    if (unchanged.isPresent()) {
      // Every source is what the knowledge base already holds: no runner, no model, nothing rewritten.
      String output = OutputStore.at(options.getOutput()).root();
      String docs = options.getDocs() == null || options.getDocs().isBlank() ? "" : options.getDocs(); // writeSummary normalises it
      RagStage.writeSummary(output, options.getFilm(), docs, options.getChunkSize(),
          options.getChunkOverlap(), unchanged.get());
      return report(options, (System.nanoTime() - started) / 1e9);
    }
    Pipeline p = Pipeline.create(options);
    try {
      // Some sources changed: only they go through the pipeline, the rest stays as stored.
      RagStage.addTo(p, options, plan.orElse(null));
      if (!remote) {
        Files.createDirectories(Path.of(options.getOutput()));
      }
    } catch (IllegalArgumentException e) {
      err.println("stage3: " + e.getMessage());
      return CANNOT_START;
    }
    if (willEmbedHere(options, plan, remote)) {
      Embedder.preload(EmbeddingModelSpec.resolve(options.getEmbeddingModel()), 0);
    }
    long t0 = System.nanoTime();
    PipelineResult.State state = p.run().waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (state != PipelineResult.State.DONE) {
      err.println("stage3: the pipeline ended " + state);
      return SOME_FAILED;
    }
    return report(options, seconds);
  }

  /**
   * Whether this JVM is sure to load the model: the Direct runner (the workers are this JVM), a
   * local output, and documents to chunk, which needs the model's tokenizer (a first run, there
   * being no knowledge base yet, or a rerun with new or changed sources). Not for a rerun the check
   * could not vouch for, whose documents may all come back from the index with no model at all.
   */
  private static boolean willEmbedHere(RagOptions options, Optional<RerunCheck.Plan> plan, boolean remote) {
    if (remote || !Runners.isDirect(options)) {
      return false;
    }
    if (plan.isPresent()) {
      return !plan.get().changedFiles().isEmpty() || !plan.get().changedVideos().isEmpty();
    }
    return !Files.exists(WriteKnowledgeBase.knowledgeBaseDir(options.getOutput()));
  }

  /** Prints what {@code rag_summary.json} says the run did; the exit code. */
  private int report(RagOptions options, double seconds) throws IOException {
    JsonNode s = RagStage.readSummary(options.getOutput()).orElseThrow();
    JsonNode dp = s.path("document_processing");
    out.printf("Knowledge base: %s (%d documents, %d chunks, %s) in %.1f s%n",
        s.path("knowledge_base").path("path").asText(), dp.path("documents_processed").asInt(),
        dp.path("chunks").asInt(), s.path("knowledge_base").path("embedding_model").asText(), seconds);
    if (dp.path("unchanged").asBoolean()) {
      out.printf("Unchanged: nothing to embed (%d chunks reused).%n", dp.path("chunks_reused").asInt());
    } else {
      out.printf("Embedded %d chunks, reused %d, removed %d.%n", dp.path("chunks_embedded").asInt(),
          dp.path("chunks_reused").asInt(), dp.path("chunks_removed").asInt());
    }
    int failed = dp.path("documents_failed").asInt();
    if (failed > 0) {
      err.printf("%d document(s) failed (see %s):%n", failed,
          OutputStore.at(options.getOutput()).location("errors"));
      for (JsonNode e : dp.path("errors")) {
        err.println("  " + e.asText());
      }
      return SOME_FAILED;
    }
    return OK;
  }
}
