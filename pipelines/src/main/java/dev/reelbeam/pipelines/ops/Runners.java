package dev.reelbeam.pipelines.ops;

import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Which runner a pipeline is set to, told by class (a subclass counts, e.g. a test runner
 * extending it), not by comparing simple names, which any class in any package can share.
 */
public final class Runners {
  private Runners() {}

  public static boolean isDirect(PipelineOptions o) {
    return DirectRunner.class.isAssignableFrom(o.getRunner());
  }

  public static boolean isFlink(PipelineOptions o) {
    return FlinkRunner.class.isAssignableFrom(o.getRunner());
  }
}
