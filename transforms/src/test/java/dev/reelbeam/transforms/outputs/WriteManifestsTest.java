package dev.reelbeam.transforms.outputs;

import dev.reelbeam.transforms.coders.OutputCoders;
import dev.reelbeam.transforms.coders.VideoInfoCoder;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.ErrorRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest is written last and only when every expected branch reported; failures get none. */
class WriteManifestsTest {

  @TempDir Path out;

  private static OutputPart part(String id, String branch, String file) {
    return new OutputPart(id, branch, List.of(file), 1, "");
  }

  @Test
  void manifestOnlyWhenEveryBranchIsDone() throws Exception {
    // Leftovers of an earlier run: an error record of the now-complete video, a stale frame.
    Files.createDirectories(out.resolve("errors"));
    Files.writeString(out.resolve(OutputLayout.error("done_1", "frames")), "{}");
    Files.createDirectories(out.resolve("frames/done_1"));
    Files.writeString(out.resolve("frames/done_1/old.jpg"), "stale");
    Files.writeString(out.resolve("frames/done_1/new.jpg"), "jpeg");

    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<VideoInfo> videos = p.apply("Videos", Create.of(
        SceneFilesTest.video("done_1"), SceneFilesTest.video("partial_2"), SceneFilesTest.video("bad_3"))
        .withCoder(VideoInfoCoder.of()));
    PCollection<KV<String, OutputPart>> parts = p.apply("Parts", Create.of(
            part("done_1", Branches.SCENES, "analysis/scenes/done_1_scenes.json"),
            part("done_1", Branches.FRAMES, "frames/done_1/new.jpg"),
            part("partial_2", Branches.SCENES, "analysis/scenes/partial_2_scenes.json"),
            part("bad_3", Branches.SCENES, "analysis/scenes/bad_3_scenes.json"))
        .withCoder(OutputCoders.outputPart()))
        .apply("KeyParts", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), org.apache.beam.sdk.values.TypeDescriptor.of(OutputPart.class)))
            .via((OutputPart x) -> KV.of(x.videoId(), x)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), OutputCoders.outputPart()));
    PCollection<ErrorRecord> errors = p.apply("Errors", Create.of(
            new ErrorRecord("/videos/bad_3.mp4", "bad_3", "frames", "java.io.IOException", "cannot seek"),
            new ErrorRecord("/videos/gone_4.mp4", "gone_4", "input", "java.io.IOException", "is a directory"))
        .withCoder(ErrorRecordCoder.of()));
    PCollection<VideoEntry> entries = PCollectionTuple.of(WriteManifests.VIDEOS, videos)
        .and(WriteManifests.PARTS, parts)
        .and(WriteManifests.ERRORS, errors)
        .apply(WriteManifests.to(out.toString())
            .expecting(Set.of(Branches.SCENES, Branches.FRAMES))
            .withParameters(Map.of("threshold", "27.0")));
    PAssert.that(entries.apply("Statuses", MapElements.into(TypeDescriptors.strings()).via((VideoEntry e) -> e.videoId() + "=" + e.status())))
        .containsInAnyOrder("done_1=done", "partial_2=failed", "bad_3=failed", "gone_4=failed");
    p.run().waitUntilFinish();

    var m = Json.read(out.resolve(OutputLayout.manifest("done_1")));
    assertEquals("size:1;mtime:2;headtail:00", m.path("fingerprint").asText());
    assertEquals("27.0", m.path("parameters").path("threshold").asText());
    assertEquals(OutputLayout.VERSION, m.path("version").asText());
    assertEquals(2, m.path("outputs").size());
    assertFalse(Files.exists(out.resolve(OutputLayout.manifest("partial_2"))));
    assertFalse(Files.exists(out.resolve(OutputLayout.manifest("bad_3"))));
    assertFalse(Files.exists(out.resolve(OutputLayout.error("done_1", "frames"))), "stale error record removed");
    assertFalse(Files.exists(out.resolve("frames/done_1/old.jpg")), "stale frame removed");
    assertTrue(Files.exists(out.resolve("frames/done_1/new.jpg")));
  }

  @Test
  void anUnreadableSubtitleFileLosesOnlyItself() throws Exception {
    // The video's subtitles branch wrote the tracks it could read and reported one it could not
    // (WriteErrors has written its record): the video is complete, manifested, and keeps the record.
    Files.createDirectories(out.resolve("errors"));
    Files.writeString(out.resolve(OutputLayout.error("subs_1", "subtitles")), "{}");
    Files.writeString(out.resolve(OutputLayout.error("subs_1", "frames")), "{}");

    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<VideoInfo> videos = p.apply("Videos", Create.of(
        SceneFilesTest.video("subs_1"), SceneFilesTest.video("nosubs_2"))
        .withCoder(VideoInfoCoder.of()));
    PCollection<KV<String, OutputPart>> parts = p.apply("Parts", Create.of(
            KV.of("subs_1", part("subs_1", Branches.SCENES, "analysis/scenes/subs_1_scenes.json")),
            KV.of("subs_1", part("subs_1", Branches.SUBTITLES, "subtitles/subs_1_subtitles.json")),
            KV.of("nosubs_2", part("nosubs_2", Branches.SCENES, "analysis/scenes/nosubs_2_scenes.json")))
        .withCoder(KvCoder.of(StringUtf8Coder.of(), OutputCoders.outputPart())));
    PCollection<ErrorRecord> errors = p.apply("Errors", Create.of(
            new ErrorRecord("/videos/subs_1.mp4", "subs_1", "subtitles", "BadSubtitleException",
                "subs_1.de.srt: not valid UTF-8"),
            // No subtitles part: the branch itself failed, and so does the video.
            new ErrorRecord("/videos/nosubs_2.mp4", "nosubs_2", "subtitles", "IOException", "cannot read"))
        .withCoder(ErrorRecordCoder.of()));
    PCollection<VideoEntry> entries = PCollectionTuple.of(WriteManifests.VIDEOS, videos)
        .and(WriteManifests.PARTS, parts)
        .and(WriteManifests.ERRORS, errors)
        .apply(WriteManifests.to(out.toString())
            .expecting(Set.of(Branches.SCENES, Branches.SUBTITLES))
            .withParameters(Map.of()));
    PAssert.that(entries.apply("Statuses", MapElements.into(TypeDescriptors.strings())
            .via((VideoEntry e) -> e.videoId() + "=" + e.status() + " " + e.errors())))
        .containsInAnyOrder("subs_1=done [subtitles: subs_1.de.srt: not valid UTF-8]",
            "nosubs_2=failed [subtitles: cannot read]");
    p.run().waitUntilFinish();

    assertTrue(Files.exists(out.resolve(OutputLayout.manifest("subs_1"))));
    assertTrue(Files.exists(out.resolve(OutputLayout.error("subs_1", "subtitles"))), "this run's record kept");
    assertFalse(Files.exists(out.resolve(OutputLayout.error("subs_1", "frames"))), "stale record removed");
    assertFalse(Files.exists(out.resolve(OutputLayout.manifest("nosubs_2"))));
  }
}
