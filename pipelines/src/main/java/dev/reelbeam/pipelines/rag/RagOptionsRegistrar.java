package dev.reelbeam.pipelines.rag;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes {@link RagOptions}' flags ({@code --chunkSize}, {@code --chunkOverlap}, {@code
 * --embedBatchSize}, {@code --maxDocBytes}) known to every {@code PipelineOptionsFactory} parse,
 * so {@code run --docs=...} accepts them as {@code stage3} does (Beam finds registrars through
 * {@code META-INF/services}).
 */
public final class RagOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(RagOptions.class);
  }
}
