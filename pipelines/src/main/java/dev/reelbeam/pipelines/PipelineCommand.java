package dev.reelbeam.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

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
    Pipeline p = Pipeline.create(options);
    ReelBeamPipeline.build(p, options, stage, setup);
    try {
      execute(p, options);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      System.err.println("reelbeam " + name() + ": the job failed: " + root);
      return SOME_FAILED;
    }
    return exitStatus(setup);
  }

  /**
   * Runs the job to its end. The one place the run is started: the operations helper's
   * {@code JobRunner} (monitoring, safety stops, metadata) replaces this line.
   */
  protected PipelineResult.State execute(Pipeline p, ReelBeamOptions options) {
    return p.run().waitUntilFinish();
  }

  /**
   * --workers=N: the Direct runner's parallelism (and Flink's, when given explicitly). The Direct
   * runner's per-element immutability and encodability checks (a copy and an encoding of every
   * element, for testing DoFns) are off: the launcher runs production jobs, TestPipelines keep them.
   */
  static void applyWorkers(ReelBeamOptions options, int workers) {
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setTargetParallelism(workers);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (options.getWorkers() > 0 && (flink.getParallelism() == null || flink.getParallelism() < 1)) {
      flink.setParallelism(workers);
    }
    // FramesToScenes reads a video's grouped segments more than once; Flink's batch GroupByKey
    // result is iterable once unless told otherwise (Direct ignores this).
    flink.setReIterableGroupByKeyResult(true);
  }

  /** Reads the index this run wrote: 1 when any video failed. */
  static int exitStatus(RunSetup setup) throws IOException {
    Path index = Paths.get(setup.outputRoot()).resolve(OutputLayout.DATASET_INDEX);
    JsonNode n = Json.read(index);
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
    return OK;
  }

  private static String firstError(JsonNode v) {
    JsonNode errs = v.path("errors");
    return errs.size() > 0 ? errs.get(0).asText() : "";
  }
}
