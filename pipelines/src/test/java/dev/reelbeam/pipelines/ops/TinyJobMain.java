package dev.reelbeam.pipelines.ops;

import dev.reelbeam.pipelines.ReelBeamOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@link TinyJob} through {@link JobRunner} as a program, for submitting to a real Flink cluster:
 * {@code java -cp pipelines/target/reelbeam.jar:pipelines/target/test-classes
 * dev.reelbeam.pipelines.ops.TinyJobMain --runner=FlinkRunner --flinkMaster=127.0.0.1:8081
 * --output=DIR [--videos=8] [--tokenize]}. Flags: ReelBeam's and Beam's, plus {@code --videos=N} and
 * {@code --tokenize} (DJL's native tokenizer in every task).
 */
public final class TinyJobMain {

  private TinyJobMain() {}

  public static void main(String[] args) {
    int videos = 8;
    boolean tokenize = false;
    java.util.List<String> rest = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.equals("--tokenize")) {
        tokenize = true;
      } else if (a.startsWith("--videos=")) {
        videos = Integer.parseInt(a.substring("--videos=".length()));
      } else {
        rest.add(a);
      }
    }
    PipelineOptionsFactory.register(ReelBeamOptions.class);
    ReelBeamOptions o =
        PipelineOptionsFactory.fromArgs(RunnerConfig.merge(rest.toArray(String[]::new)))
            .withValidation()
            .as(ReelBeamOptions.class);
    Pipeline p = TinyJob.build(Pipeline.create(o), o.getOutput(), videos, 30, 200, tokenize);
    System.exit(JobRunner.run(p, o, "tiny").exitCode());
  }
}
