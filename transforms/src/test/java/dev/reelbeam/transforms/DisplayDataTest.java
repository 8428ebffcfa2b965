package dev.reelbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;

/** Each public transform shows its configuration in a runner's UI (Flink's plan, Dataflow's). */
class DisplayDataTest {

  @Test
  void everyTransformDescribesItsSettings() {
    assertEquals(30.0, item(VideoToFrames.create().withSegmentSeconds(30), "segmentSeconds"));
    assertEquals(1L, item(VideoToFrames.create().withDecoderThreads(1), "decoderThreads"));
    assertEquals("HASH", item(FramesToScenes.create().withSettings(
        DetectorSettings.defaults().withDetector(Detector.HASH)), "detector"));
    assertEquals(30.0, item(ExtractFrames.scenes().to("/out").withChunkSeconds(30), "chunkSeconds"));
    assertEquals(2L, item(ExtractFrames.scenes().to("/out").withParallelFetches(2), "parallelFetches"));
    assertEquals("/out", item(Composition.create().to("/out"), "outputRoot"));
    assertEquals("/out", item(OpticalFlow.create().to("/out"), "outputRoot"));
    assertEquals("/out", item(ExtractAudio.create().to("/out"), "outputRoot"));
    assertEquals(40L, item(DocsToEmbeddings.create().withChunkSize(300).withChunkOverlap(40), "chunkOverlap"));
  }

  private static Object item(PTransform<?, ?> t, String key) {
    return DisplayData.from(t).items().stream()
        .filter(i -> i.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(t.getClass().getSimpleName() + " shows no " + key))
        .getValue();
  }
}
