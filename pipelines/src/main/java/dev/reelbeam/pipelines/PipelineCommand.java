package dev.reelbeam.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.pipelines.launch.DoFnWarmUp;
import dev.reelbeam.pipelines.launch.NativeWarmUp;
import dev.reelbeam.pipelines.ops.JobOutcome;
import dev.reelbeam.pipelines.ops.JobRunner;
import dev.reelbeam.pipelines.rag.RagStage;
import dev.reelbeam.pipelines.report.ReportBuilder;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;

/**
 * {@code run}, {@code stage1}, {@code stage2}: parse and check the flags, build the {@link Stage}'s
 * part of {@link ReelBeamPipeline}, run it to the end, and turn the pipeline's own index into the
 * exit status (0 all done, 1 some inputs failed, 2 cannot start).
 */
public class PipelineCommand implements Command {

  private final Stage stage;

  public PipelineCommand(Stage stage) {
    this.stage = stage;
  }

  @Override
  public String name() {
    return stage.command();
  }

  @Override
  public String summary() {
    return stage.summary();
  }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandLine.wantsHelp(args)) {
      CommandLine.printHelp(System.out, name(), summary(), ReelBeamOptions.class);
      return OK;
    }
    ReelBeamOptions options;
    RunSetup setup;
    try {
      options = CommandLine.parse(args, ReelBeamOptions.class);
      setup = RunSetup.prepare(options);
    } catch (CommandLine.BadArguments e) {
      System.err.println("reelbeam " + name() + ": " + e.getMessage());
      return CANNOT_START;
    }
    applyWorkers(options, setup.workers());
    FilesToStage.apply(options, stage == Stage.RUN && RagStage.runBuildsKnowledgeBase(options));
    Pipeline p = Pipeline.create(options);
    try {
      ReelBeamPipeline.build(p, options, stage, setup);
    } catch (IllegalArgumentException e) {
      System.err.println("reelbeam " + name() + ": " + e.getMessage());
      return CANNOT_START;
    }
    // Start-up (launch.*): Beam's DoFn invokers are made while the runner starts; the natives
    // ReelBeam.main began loading are in before any worker touches them.
    if (dev.reelbeam.pipelines.ops.Runners.isDirect(options)) {
      DoFnWarmUp.start(p);
    }
    NativeWarmUp.awaitStarted();
    JobOutcome outcome = JobRunner.run(p, options, name(), Map.of(
        "stage", stage.command(),
        "keyframe_buffer_mb_per_decoder", setup.keyframeBufferMb()));
    if (!JobOutcome.COMPLETED.equals(outcome.status())
        && !JobOutcome.COMPLETED_WITH_ERRORS.equals(outcome.status())) {
      System.err.println("reelbeam " + name() + ": the job " + outcome.status() + ": " + outcome.reason());
      writeReport(setup);
      return SOME_FAILED;
    }
    int status = exitStatus(setup);
    if (stage == Stage.RUN && options.getDocs() != null && !options.getDocs().isBlank()) {
      status = Math.max(status, knowledgeBaseStatus(options));
    }
    if (stage != Stage.STAGE1) {
      writeReport(setup);
    }
    return status;
  }

  /** report.html from what the run wrote (failed videos show there too). */
  private static void writeReport(RunSetup setup) {
    if (!OutputStore.at(setup.outputRoot()).isLocal()) {
      System.out.println("reelbeam: no report.html for an output on " + setup.outputRoot()
          + ": `reelbeam report` builds it from a local copy of the output");
      return;
    }
    try {
      Path report = ReportBuilder.write(Paths.get(setup.outputRoot()));
      System.out.println("reelbeam: report " + report);
    } catch (IOException e) {
      System.err.println("reelbeam: could not write the report: " + e.getMessage());
    }
  }

  /** 1 when documents of the knowledge base failed (each has an error record). */
  private static int knowledgeBaseStatus(ReelBeamOptions options) throws IOException {
    Optional<JsonNode> summary = RagStage.readSummary(options.getOutput());
    if (summary.isEmpty()) {
      System.err.println("reelbeam: the job ended without writing rag_summary.json");
      return SOME_FAILED;
    }
    JsonNode dp = summary.get().path("document_processing");
    int failed = dp.path("documents_failed").asInt();
    System.out.printf("reelbeam: knowledge base: %d documents, %d chunks, %d failed%n",
        dp.path("documents_processed").asInt(), dp.path("chunks").asInt(), failed);
    return failed > 0 ? SOME_FAILED : OK;
  }

  /**
   * --workers=N: the Direct runner's parallelism (and Flink's, when given explicitly). The Direct
   * runner's per-element immutability and encodability checks (a copy and an encoding of every
   * element, for testing DoFns) are off: the launcher runs production jobs, TestPipelines keep them.
   */
  public static void applyWorkers(ReelBeamOptions options, int workers) {
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setTargetParallelism(workers);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (options.getWorkers() > 0 && (flink.getParallelism() == null || flink.getParallelism() < 1)) {
      flink.setParallelism(workers);
    }
    // The Direct runner lets a DoFn iterate a grouped result more than once; Flink's batch
    // GroupByKey result is one-pass unless told otherwise. Keep the two runners alike.
    flink.setReIterableGroupByKeyResult(true);
  }

  /** Reads the index this run wrote: 1 when any video failed. */
  static int exitStatus(RunSetup setup) throws IOException {
    OutputStore store = OutputStore.at(setup.outputRoot());
    String index = store.location(OutputLayout.DATASET_INDEX);
    JsonNode n = Json.mapper().readTree(store.read(OutputLayout.DATASET_INDEX));
    if (!setup.timestamp().equals(n.path("timestamp").asText())) {
      System.err.println("reelbeam: the job ended without writing its index " + index);
      return SOME_FAILED;
    }
    long failed = n.path("videos_failed").asLong();
    System.out.printf(
        "reelbeam: %d videos: %d done, %d skipped (already complete), %d failed; index %s%n",
        n.path("total_videos").asLong(), n.path("videos_done").asLong(),
        n.path("videos_skipped").asLong(), failed, index);
    if (failed > 0) {
      for (JsonNode v : n.path("videos")) {
        if ("failed".equals(v.path("status").asText())) {
          System.err.println("  failed: " + v.path("video_path").asText() + " - " + firstError(v));
        }
      }
      return SOME_FAILED;
    }
    // A finished video can still have lost an input beside it (an unreadable subtitle file):
    // its outputs are complete and manifested, and the run says what was lost.
    boolean lost = false;
    for (JsonNode v : n.path("videos")) {
      if ("done".equals(v.path("status").asText()) && v.path("errors").size() > 0) {
        System.err.println("  done without: " + v.path("video_path").asText() + " - " + firstError(v));
        lost = true;
      }
    }
    return lost ? SOME_FAILED : OK;
  }

  private static String firstError(JsonNode v) {
    JsonNode errs = v.path("errors");
    return errs.size() > 0 ? errs.get(0).asText() : "";
  }
}
