package dev.reelbeam.transforms.coders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.reelbeam.io.audio.AudioInfo;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.Section;
import dev.reelbeam.io.subtitles.SubtitleCue;
import dev.reelbeam.io.subtitles.SubtitleTrack;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.camera.CameraSummary;
import dev.reelbeam.transforms.composition.CompositionSummary;
import dev.reelbeam.transforms.embed.ChunkEmbedding;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.KeyframeRef;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.outputs.OutputPart;
import dev.reelbeam.transforms.outputs.VideoEntry;
import dev.reelbeam.transforms.scenes.KeyframePlanner;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import dev.reelbeam.transforms.subtitles.VideoSubtitles;
import dev.reelbeam.transforms.text.Chunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/**
 * Every element type's coder gives back an equal value, alone and nested (in a list inside a KV,
 * as at a GroupByKey), and is the one Beam's coder registry infers for the type.
 */
class ElementCodersTest {

  static Document document() {
    return new Document("cast/bunny.md", "bunny.md-1a2b3c", "markdown", "Big Buck Bunny",
        Map.of("role", "lead", "colour", "grey"),
        List.of(new Section(List.of(), "Opening text."),
            new Section(List.of("Bunny", "Appearance"), "Large, grey, fluffy.\n\nÜnïcödé ✓")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 1234L);
  }

  static Chunk chunk(int ordinal) {
    return new Chunk("c" + ordinal, "bunny.md-1a2b3c", "cast/bunny.md", ordinal, "Big Buck Bunny",
        List.of("Bunny", "Appearance"), "Large, grey, fluffy.", Map.of("role", "lead"), 17);
  }

  static VideoSubtitles subtitles() {
    SubtitleTrack text = new SubtitleTrack("s0", SubtitleTrack.SIDECAR, "bunny.en.srt", -1, "subrip", "en", "",
        "", List.of(new SubtitleCue(0, 1500, "Good morning!"), new SubtitleCue(2000, 1000, "…\nbye")),
        List.of("cue 3 had no end time"));
    SubtitleTrack image = new SubtitleTrack("s1", SubtitleTrack.EMBEDDED, null, 3, "hdmv_pgs_subtitle", null,
        null, "image subtitles", List.of(), List.of());
    return new VideoSubtitles("bunny_0123", List.of(text, image), List.of("subtitles/bunny_0123.s0.vtt"));
  }

  static CameraSummary camera() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("static", 4);
    counts.put("pan_left", 1);
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("static", 12.5);
    seconds.put("pan_left", Double.NaN);
    return new CameraSummary("bunny_0123", "camera/bunny_0123.json", 5, 1440L, 60.0, "static", 4, 0, counts,
        seconds);
  }

  static CompositionSummary composition() {
    return new CompositionSummary("bunny_0123", "composition/bunny_0123.json", 15, 5, 0.61, 0.5, 0.7, 0.2,
        "frames/bunny_0123/s001_1.jpg", 0.9, null, Double.NaN);
  }

  static KeyframePlanner.Pick pick() {
    return new KeyframePlanner.Pick(3, 1, 240L, 10.01)
        .withQuality(new FrameQuality(12.5, 0.4, 0.2, 0x8000000000000001L))
        .asDuplicateOf(new KeyframeRef(2, 0, 200L), false);
  }

  private static <T> void roundTrips(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDecodeEncodeEqual(
        KvCoder.of(StringUtf8Coder.of(), ListCoder.of(coder)), KV.of("video", List.of(value, value)));
  }

  @Test
  void documentsChunksAndVectors() throws Exception {
    roundTrips(DocumentCoder.of(), document());
    roundTrips(DocumentCoder.of(),
        new Document("empty.txt", "empty.txt-0", "text", "empty.txt", Map.of(), List.of(), "00", 0));
    roundTrips(ChunkCoder.of(), chunk(0));
    roundTrips(ChunkEmbeddingCoder.of(), new ChunkEmbedding(chunk(1), new float[] {0.25f, -1e-7f, Float.NaN}, true));
    roundTrips(ChunkEmbeddingCoder.of(), new ChunkEmbedding(chunk(2), new float[0], false));
  }

  @Test
  void subtitlesAndSummaries() throws Exception {
    roundTrips(VideoSubtitlesCoder.of(), subtitles());
    roundTrips(VideoSubtitlesCoder.of(), new VideoSubtitles("silent", List.of(), List.of()));
    roundTrips(SummaryCoders.cameraSummary(), camera());
    roundTrips(SummaryCoders.compositionSummary(), composition());
  }

  @Test
  void theMetadataKeepsItsOrder() throws Exception {
    // The maps come back in the order they went in, so a sorted map's encoding is deterministic.
    Document back = org.apache.beam.sdk.util.CoderUtils.clone(DocumentCoder.of(), document());
    assertEquals(List.of("colour", "role"), List.copyOf(back.metadata().keySet()));
    CameraSummary camera = org.apache.beam.sdk.util.CoderUtils.clone(SummaryCoders.cameraSummary(), camera());
    assertEquals(List.of("static", "pan_left"), List.copyOf(camera.movementCounts().keySet()));
  }

  @Test
  void keyframesAndTheirPlan() throws Exception {
    roundTrips(OutputCoders.keyframePick(), pick());
    roundTrips(OutputCoders.keyframePick(), new KeyframePlanner.Pick(0, 0, 0L, 0.0));
    roundTrips(OutputCoders.keyframe(),
        new Keyframe("bunny_0123", 3, 1, 240L, 10.01, "frames/x.jpg", FrameQuality.UNKNOWN, new KeyframeRef(2, 0, 200L)));
    roundTrips(OutputCoders.keyframe(), new Keyframe("bunny_0123", 3, 1, 240L, 10.01, null, null, null));
  }

  @Test
  void theRegistryInfersThePurposeWrittenCoders() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertSame(DocumentCoder.of(), registry.getCoder(Document.class));
    assertSame(ChunkCoder.of(), registry.getCoder(Chunk.class));
    assertSame(ChunkEmbeddingCoder.of(), registry.getCoder(ChunkEmbedding.class));
    assertSame(VideoSubtitlesCoder.of(), registry.getCoder(VideoSubtitles.class));
    assertSame(SummaryCoders.cameraSummary(), registry.getCoder(CameraSummary.class));
    assertSame(SummaryCoders.compositionSummary(), registry.getCoder(CompositionSummary.class));
    assertSame(VideoInfoCoder.of(), registry.getCoder(VideoInfo.class));
    assertSame(SegmentSignalsCoder.of(), registry.getCoder(SegmentSignals.class));
    assertSame(SceneDetectionCoder.of(), registry.getCoder(SceneDetection.class));
    assertSame(OutputCoders.keyframe(), registry.getCoder(Keyframe.class));
    assertSame(OutputCoders.audioInfo(), registry.getCoder(AudioInfo.class));
    assertSame(OutputCoders.outputPart(), registry.getCoder(OutputPart.class));
    assertSame(OutputCoders.videoEntry(), registry.getCoder(VideoEntry.class));
    assertSame(ErrorRecordCoder.of(), registry.getCoder(ErrorRecord.class));
  }
}
