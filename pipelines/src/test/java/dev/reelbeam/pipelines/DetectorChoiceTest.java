package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --detector} and its parameters on the command line: the scenes JSON names the detector and
 * its parameters, the stats file has every detector's metric, and {@code --resume} redoes a video
 * whose detector or parameters changed and skips it when they did not.
 */
class DetectorChoiceTest {
  @TempDir Path tmp;

  private static JsonNode run(Path in, Path out, String... flags) throws Exception {
    String[] args = new String[flags.length + 5];
    args[0] = "stage1";
    args[1] = "--input=" + in;
    args[2] = "--output=" + out;
    args[3] = "--workers=1";
    args[4] = "--resume";
    System.arraycopy(flags, 0, args, 5, flags.length);
    assertEquals(Command.OK, ReelBeam.run(args));
    return Json.read(out.resolve(OutputLayout.DATASET_INDEX));
  }

  @Test
  void detectorChoiceIsRecordedAndRedoneOnResumeWhenItChanges() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(EndToEndTest.shared().resolve("media/pyscenedetect/counter.mp4"), in.resolve("counter.mp4"));
    Path out = tmp.resolve("out");
    String id = VideoId.of(in.resolve("counter.mp4").toString());
    Path scenes = out.resolve(OutputLayout.scenesJson(id));

    assertEquals(1, run(in, out).path("videos_done").asInt());
    assertEquals("ContentDetector", Json.read(scenes).path("detector").path("name").asText());
    assertEquals("[]", Json.read(scenes).path("cuts").toString());
    String header = Files.readAllLines(out.resolve(OutputLayout.statsCsv(id))).get(0);
    assertEquals("Frame Number,Timecode,adaptive_ratio (w=2),average_rgb,content_val,delta_edges,"
        + "delta_hue,delta_lum,delta_sat,hash_dist [size=8 lowpass=2],hist_diff [bins=128]", header);

    // a new detector: redone, with PySceneDetect's AdaptiveDetector cut (its golden: frame 20)
    assertEquals(1, run(in, out, "--detector=adaptive").path("videos_done").asInt());
    JsonNode d = Json.read(scenes).path("detector");
    assertEquals("AdaptiveDetector", d.path("name").asText());
    assertEquals(3.0, d.path("adaptive_threshold").asDouble());
    assertEquals(2, d.path("window_width").asInt());
    assertEquals(15.0, d.path("min_content_val").asDouble());
    assertEquals("[20]", Json.read(scenes).path("cuts").toString());

    // the same flags: skipped; a changed parameter: redone
    assertEquals(1, run(in, out, "--detector=adaptive").path("videos_skipped").asInt());
    assertEquals(1, run(in, out, "--detector=adaptive", "--windowWidth=3").path("videos_done").asInt());
    assertEquals(3, Json.read(scenes).path("detector").path("window_width").asInt());
    assertTrue(Files.readAllLines(out.resolve(OutputLayout.statsCsv(id))).get(0).contains("adaptive_ratio (w=3)"));
  }

  @Test
  void keyframeModeAndDedupAreRecordedAndRedoneOnResumeWhenTheyChange() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    // the demo clip: its first exact pick is a black frame of the fade-in
    Files.copy(EndToEndTest.shared().resolve("media/moviepy/big_buck_bunny_0_30.webm"), in.resolve("bbb.webm"));
    Path out = tmp.resolve("out");
    Path scenes = out.resolve(OutputLayout.scenesJson(VideoId.of(in.resolve("bbb.webm").toString())));
    run(in, out, "--keyframes=exact");
    JsonNode exact = Json.read(scenes).path("scenes").get(0).path("keyframes").get(0);
    assertEquals(1, exact.path("frame").asLong(), "save-images' first frame");
    assertTrue(exact.path("brightness").asDouble() < 16, exact.toString());

    assertEquals(1, run(in, out).path("videos_done").asInt(), "best is the default: redone");
    JsonNode best = Json.read(scenes).path("scenes").get(0).path("keyframes").get(0);
    assertTrue(best.path("frame").asLong() > 1 && best.path("brightness").asDouble() > 16, best.toString());
    assertEquals(16, best.path("phash").asText().length());
    assertTrue(Files.isRegularFile(out.resolve(best.path("path").asText())));
    assertEquals(1, run(in, out).path("videos_skipped").asInt());

    assertEquals(1, run(in, out, "--dedup").path("videos_done").asInt(), "--dedup: redone");
    for (JsonNode sc : Json.read(scenes).path("scenes")) {
      for (JsonNode k : sc.path("keyframes")) {
        assertEquals(k.path("duplicate_of").isNull(), !k.path("path").isNull(), k.toString());
      }
    }
  }

  @Test
  void splitGradualMakesFadesSceneBoundaries() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    // testvideo.mp4 fades in from black and out to black between its shots
    Files.copy(EndToEndTest.shared().resolve("media/pyscenedetect/testvideo.mp4"), in.resolve("testvideo.mp4"));
    Path out = tmp.resolve("out");
    Path scenes = out.resolve(OutputLayout.scenesJson(VideoId.of(in.resolve("testvideo.mp4").toString())));
    run(in, out);
    JsonNode plain = Json.read(scenes);
    assertEquals("[30,180,394]", plain.path("cuts").toString());
    assertEquals(4, plain.path("scenes").size(), "PySceneDetect's scene list");
    List<String> types = new ArrayList<>();
    plain.path("transitions").forEach(t -> types.add(t.path("type").asText()));
    assertTrue(types.contains("fade_out") && types.contains("fade_in"), types.toString());

    assertEquals(1, run(in, out, "--splitGradual").path("videos_done").asInt());
    JsonNode split = Json.read(scenes);
    assertTrue(split.path("detector").path("split_gradual").asBoolean());
    assertEquals(plain.path("transitions"), split.path("transitions"));
    assertTrue(split.path("scenes").size() > 4, split.path("scenes").toString());
    assertEquals(plain.path("cuts"), split.path("cuts"), "the cut list stays PySceneDetect's");
    for (JsonNode t : split.path("transitions")) {
      if (!t.path("type").asText().startsWith("fade") && !t.path("type").asText().equals("dissolve")) {
        continue;
      }
      for (JsonNode sc : split.path("scenes")) { // no scene holds a frame of a fade or dissolve
        assertTrue(sc.path("end_frame").asLong() <= t.path("start_frame").asLong()
            || sc.path("start_frame").asLong() >= t.path("end_frame").asLong(), sc + " " + t);
      }
    }
  }
}
