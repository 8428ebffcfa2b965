package dev.reelbeam.transforms.subtitles;

import dev.reelbeam.transforms.coders.SceneDetectionCoder;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.subtitles.SubtitleMuxer;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.ExtractSubtitles;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.outputs.OutputPart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clip with an embedded SubRip track, a good sidecar and a Latin-1 one: the good tracks are
 * written (SRT and JSON, each cue with its scene), the bad one is an error record.
 */
@ExtendWith(TestPipelineExtension.class)
class ExtractSubtitlesTest {
  private static final String EMBEDDED = """
      1
      00:00:01,000 --> 00:00:03,000
      <i>Under the greenwood tree</i>

      2
      00:00:06,000 --> 00:00:08,000
      Who loves to lie with me

      3
      00:00:12,000 --> 00:00:14,000
      Come hither, come hither!
      """;

  static Path shared() {
    String prop = System.getProperty("reelbeam.shared");
    for (Path p : List.of(Path.of(prop == null ? "-" : prop), Path.of("..", "..", "shared"), Path.of("..", "shared"))) {
      if (Files.isDirectory(p.resolve("media"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("../shared not found");
  }

  static SceneDetection detection(Path video, String id) {
    VideoInfo v = new VideoInfo(video.toString(), id, 1280, 720, 1280, 720, 0, 24, "24/1", 30, 720,
        0, "vp8", List.of(0.0), true, 2, 44100, "fp");
    List<Scene> scenes = List.of(new Scene(1, 0, 120, 0, 5), new Scene(2, 120, 240, 5, 10),
        new Scene(3, 240, 720, 10, 30));
    return new SceneDetection(v, 720, 30, DetectorSettings.defaults(), List.of(120L, 240L), scenes, List.of());
  }

  @Test
  void writesTextTracksAndRecordsTheBadOne(TestPipeline p, @TempDir Path tmp) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path srt = tmp.resolve("embedded.srt");
    Files.writeString(srt, EMBEDDED, StandardCharsets.UTF_8);
    Path clip = in.resolve("film.mkv");
    SubtitleMuxer.mux(shared().resolve("media/moviepy/big_buck_bunny_0_30.webm"),
        List.of(new SubtitleMuxer.Input(srt, "eng", "English")), "srt", clip);
    Files.writeString(in.resolve("film.en.srt"), "1\n00:00:07,500 --> 00:00:09,000\nAll the world's a stage\n");
    Files.write(in.resolve("film.de.srt"),
        "1\n00:00:01,000 --> 00:00:02,000\nGar\u00e7on\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(in.resolve("lost.srt"), EMBEDDED);
    Path out = tmp.resolve("out");

    ExtractSubtitles.Result r = p
        .apply(Create.of(detection(clip, "film_1")).withCoder(SceneDetectionCoder.of()))
        .apply(ExtractSubtitles.create().to(out.toString()));
    PAssert.that(r.parts()).satisfies(parts -> {
      OutputPart part = parts.iterator().next().getValue();
      assertEquals(List.of("subtitles/film_1.ext-en.srt", "subtitles/film_1.s2-eng.srt",
          "subtitles/film_1_subtitles.json"), part.files());
      assertEquals(4, part.items());
      return null;
    });
    PAssert.that(r.errors()).satisfies(errors -> {
      ErrorRecord e = errors.iterator().next();
      assertEquals("subtitles", e.stage());
      assertTrue(e.message().contains("film.de.srt") && e.message().contains("UTF-8"), e.message());
      return null;
    });
    PAssert.that(p.apply("Orphans", ExtractSubtitles.orphans(in.toString()))).satisfies(errors -> {
      ErrorRecord e = errors.iterator().next();
      assertTrue(e.message().startsWith("lost.srt: a subtitle file with no video"), e.message());
      return null;
    });
    p.run().waitUntilFinish();

    assertEquals("1\n00:00:07,500 --> 00:00:09,000\nAll the world's a stage\n\n",
        Files.readString(out.resolve("subtitles/film_1.ext-en.srt")));
    JsonNode json = Json.read(out.resolve("subtitles/film_1_subtitles.json"));
    JsonNode embedded = json.path("tracks").get(1);
    assertEquals("English", embedded.path("title").asText());
    assertEquals("Under the greenwood tree", embedded.path("cues").get(0).path("text").asText());
    assertEquals(List.of(1, 2, 3), List.of(embedded.path("cues").get(0).path("scene").asInt(),
        embedded.path("cues").get(1).path("scene").asInt(), embedded.path("cues").get(2).path("scene").asInt()));
  }
}
