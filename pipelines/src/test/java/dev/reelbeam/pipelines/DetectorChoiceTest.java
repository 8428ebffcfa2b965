package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
