package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.pipelines.ReelBeamOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class RagOptionsRegistrarTest {
  @Test
  void ragFlagsParseWherePlainReelBeamOptionsAreParsed() {
    ReelBeamOptions o = PipelineOptionsFactory
        .fromArgs("--docs=/d", "--chunkSize=300", "--chunkOverlap=20").withValidation()
        .as(ReelBeamOptions.class);
    assertEquals(300, o.as(RagOptions.class).getChunkSize());
    assertEquals(20, o.as(RagOptions.class).getChunkOverlap());
  }
}
