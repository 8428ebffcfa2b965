package dev.reelbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.docs.Document;
import dev.reelbeam.transforms.coders.OutputCoders;
import dev.reelbeam.transforms.coders.SceneDetectionCoder;
import dev.reelbeam.transforms.coders.SegmentSignalsCoder;
import dev.reelbeam.transforms.coders.VideoInfoCoder;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.KeyframeMode;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import dev.reelbeam.transforms.scenes.CapturePlan;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.outputs.WriteManifests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.POutput;
import org.junit.jupiter.api.Test;

/**
 * The public transforms' configuration: a bad single value fails in its {@code with} method, a bad
 * combination when the transform is applied (a {@code with} call never reads another setting, so
 * the order of the calls does not matter), and a configured transform survives Java serialisation
 * (a runner ships it to its workers) equal to itself.
 */
class TransformConfigurationTest {

  private static final String ROOT = "/tmp/reelbeam-out";

  @Test
  void videoToFrames() {
    VideoToFrames t = VideoToFrames.create();
    assertBad(() -> t.withSegmentSeconds(0), "segmentSeconds");
    assertBad(() -> t.withSegmentSeconds(Double.NaN), "segmentSeconds");
    assertBad(() -> t.withMaxSegments(0), "maxSegments");
    assertBad(() -> t.withDecoderThreads(-1), "decoderThreads");
    assertBad(() -> t.withSettings(null), "downscale");
    assertBad(() -> t.withSettings(new DetectorSettings(27, 15, 1, 1, 1, 0, 0)), "downscale");

    assertEquals(
        t.withSegmentSeconds(30).withMaxSegments(4).withDecoderThreads(1),
        t.withDecoderThreads(1).withMaxSegments(4).withSegmentSeconds(30));
    assertEquals(Double.POSITIVE_INFINITY, t.withSegmentSeconds(Double.POSITIVE_INFINITY).getSegmentSeconds());
    assertNotEquals(t, t.withMaxSegments(2));

    VideoToFrames configured = t.withSegmentSeconds(30).withMaxSegments(4)
        .withKeyframeCapture(CapturePlan.forScenes(ROOT).withKeyframeMode(KeyframeMode.EXACT));
    assertEquals(configured, SerializableUtils.clone(configured));
    // A factory is a lambda with no value equality: it is carried through serialisation as it is.
    MotionEstimatorFactory none = () -> null;
    assertNotNull(SerializableUtils.clone(t.withMotionEstimator(none)).getMotion());
    assertApplies(VideoInfoCoder.of(), configured);
  }

  @Test
  void framesToScenes() {
    FramesToScenes t = FramesToScenes.create();
    DetectorSettings d = DetectorSettings.defaults();
    assertBad(() -> t.withSettings(null), "settings");
    assertBad(() -> t.withSettings(d.withThreshold(-1)), "threshold");
    assertBad(() -> t.withSettings(d.withThreshold(Double.NaN)), "threshold");
    assertBad(() -> t.withSettings(new DetectorSettings(27, 15, 0, 0, 0, 0, 256)), "weight");
    assertBad(() -> t.withSettings(d.withHash(1.5, 8, 2)), "hashThreshold");
    assertBad(() -> t.withSettings(d.withFade(300, 0, false)), "fadeThreshold");

    FramesToScenes configured = t.withSettings(d.withDetector(Detector.HASH).withMinSceneLen(8));
    assertEquals(configured, SerializableUtils.clone(configured));
    assertApplies(KvCoder.of(StringUtf8Coder.of(), SegmentSignalsCoder.of()), configured);
  }

  @Test
  void extractFrames() {
    assertBad(() -> ExtractFrames.interval(0), "interval");
    assertBad(() -> ExtractFrames.interval(Double.POSITIVE_INFINITY), "interval");
    ExtractFrames t = ExtractFrames.scenes();
    assertBad(() -> t.to(" "), "output root");
    assertBad(() -> t.withChunkSeconds(0), "chunkSeconds");
    assertBad(() -> t.withDecoderThreads(-2), "decoderThreads");
    assertBad(() -> t.withParallelFetches(0), "parallelFetches");
    assertBad(() -> t.withKeyframeMode(null), "keyframe mode");

    assertNeedsRoot(SceneDetectionCoder.of(), t, "ExtractFrames");
    // Interval frames are at their times: a scene keyframe mode would be silently ignored.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply(
        SceneDetectionCoder.of(), ExtractFrames.interval(2).withKeyframeMode(KeyframeMode.EXACT).to(ROOT)));
    assertTrue(e.getMessage().contains("EXACT") && e.getMessage().contains("every 2.0 s"), e.getMessage());

    ExtractFrames configured =
        t.withKeyframeMode(KeyframeMode.EXACT).withDedup(true).withChunkSeconds(20).withParallelFetches(2).to(ROOT);
    assertEquals(configured, t.to(ROOT).withParallelFetches(2).withChunkSeconds(20).withDedup(true)
        .withKeyframeMode(KeyframeMode.EXACT));
    assertEquals(configured, SerializableUtils.clone(configured));
    assertApplies(SceneDetectionCoder.of(), configured);
    assertApplies(SceneDetectionCoder.of(), ExtractFrames.interval(2).withDedup(true).to(ROOT));
  }

  @Test
  void transformsThatOnlyNeedAnOutputRoot() {
    Coder<KV<String, List<Keyframe>>> keyframes =
        KvCoder.of(StringUtf8Coder.of(), ListCoder.of(OutputCoders.keyframe()));
    checkRootOnly(Composition.create(), Composition::to, keyframes, "Composition");
    checkRootOnly(OpticalFlow.create(), OpticalFlow::to, SceneDetectionCoder.of(), "OpticalFlow");
    checkRootOnly(ExtractAudio.create(), ExtractAudio::to, VideoInfoCoder.of(), "ExtractAudio");
    checkRootOnly(ExtractSubtitles.create(), ExtractSubtitles::to, SceneDetectionCoder.of(), "ExtractSubtitles");
  }

  @Test
  void docsToEmbeddings() {
    DocsToEmbeddings t = DocsToEmbeddings.create();
    assertBad(() -> t.withChunkSize(31), "chunkSize");
    assertBad(() -> t.withChunkOverlap(-1), "chunkOverlap");
    assertBad(() -> t.withBatchSize(1025), "batchSize");
    assertBad(() -> t.withThreads(-1), "threads");
    assertBad(() -> t.withEmbeddingGroups(0), "groups");

    // Set in either order; the pair is checked when applied (DocsToEmbeddingsTest: the message).
    assertEquals(t.withChunkOverlap(60).withChunkSize(200), t.withChunkSize(200).withChunkOverlap(60));
    DocsToEmbeddings tooMuch = t.withChunkOverlap(150).withChunkSize(200);
    assertEquals(150, tooMuch.getChunkOverlap());
    Coder<Document> docs = SerializableCoder.of(Document.class);
    assertBad(() -> apply(docs, tooMuch), "overlap 150 for size 200");

    DocsToEmbeddings configured =
        t.withChunkSize(300).withChunkOverlap(100).withBatchSize(8).withEmbeddingGroups(2).withReuseFrom("/kb");
    assertEquals(configured, SerializableUtils.clone(configured));
    assertApplies(docs, configured);
  }

  @Test
  void writeManifests() {
    WriteManifests t = WriteManifests.to(ROOT);
    assertBad(() -> t.expecting(Set.of()), "at least one branch");
    Pipeline p = Pipeline.create();
    PCollectionTuple input = PCollectionTuple
        .of(WriteManifests.VIDEOS, p.apply("Videos", Create.empty(VideoInfoCoder.of())))
        .and(WriteManifests.PARTS, p.apply("Parts",
            Create.empty(KvCoder.of(StringUtf8Coder.of(), OutputCoders.outputPart()))))
        .and(WriteManifests.ERRORS, p.apply("Errors", Create.empty(ErrorRecordCoder.of())));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> input.apply(t));
    assertTrue(e.getMessage().contains("expecting"), e.getMessage());

    WriteManifests configured = t.expecting(Set.of("scenes", "frames")).withParameters(Map.of("threshold", "27.0"));
    assertEquals(configured, t.withParameters(Map.of("threshold", "27.0")).expecting(Set.of("frames", "scenes")));
    assertEquals(configured, SerializableUtils.clone(configured));
    assertNotNull(input.apply("Configured", configured));
  }

  /** Step names stay the class names (AutoValue's generated subclass must not show). */
  @Test
  void defaultNamesAreTheTransformNames() {
    assertEquals("VideoToFrames", VideoToFrames.create().getName());
    assertEquals("FramesToScenes", FramesToScenes.create().getName());
    assertEquals("ExtractFrames", ExtractFrames.scenes().getName());
    assertEquals("DocsToEmbeddings", DocsToEmbeddings.create().getName());
    assertEquals("Composition", Composition.create().getName());
    assertEquals("WriteManifests", WriteManifests.to(ROOT).getName());
  }

  private static <InT, T extends PTransform<PCollection<InT>, ? extends POutput>> void checkRootOnly(
      T unrooted, java.util.function.BiFunction<T, String, T> to, Coder<InT> input, String name) {
    assertBad(() -> to.apply(unrooted, null), "output root");
    assertBad(() -> to.apply(unrooted, ""), "output root");
    assertNeedsRoot(input, unrooted, name);
    T rooted = to.apply(unrooted, ROOT);
    assertEquals(rooted, SerializableUtils.clone(rooted));
    assertEquals(rooted, to.apply(to.apply(unrooted, "/elsewhere"), ROOT), "to() replaces the root");
    assertApplies(input, rooted);
  }

  private static void assertBad(Runnable configure, String mentioned) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, configure::run);
    assertTrue(e.getMessage().contains(mentioned), e.getMessage());
  }

  private static <InT> void assertNeedsRoot(
      Coder<InT> input, PTransform<PCollection<InT>, ? extends POutput> t, String name) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> apply(input, t));
    assertEquals(name + " needs .to(outputRoot)", e.getMessage());
  }

  private static <InT> void assertApplies(Coder<InT> input, PTransform<PCollection<InT>, ? extends POutput> t) {
    assertNotNull(apply(input, t));
  }

  /** Applies {@code t} to an empty input in a pipeline that is never run: construction only. */
  private static <InT, OutT extends POutput> OutT apply(
      Coder<InT> input, PTransform<PCollection<InT>, OutT> t) {
    return Pipeline.create().apply(Create.empty(input)).apply(t);
  }
}
