package dev.reelbeam.transforms.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cut files of a hand-built detection: PySceneDetect's formats, our JSON schema, stable bytes. */
class SceneFilesTest {

  static VideoInfo video(String id) {
    return new VideoInfo("/videos/" + id + ".mp4", id, 1280, 720, 1280, 720, 0, 25.0, "25/1", 2.0, 50, 0.0,
        "h264", List.of(0.0), true, 2, 48000, "size:1;mtime:2;headtail:00");
  }

  /** 50 frames at 25 fps, one cut at frame 30. */
  static SceneDetection detection(String id) {
    List<FrameSignal> signals = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      double c = i == 30 ? 45.5 : (i == 0 ? 0.0 : 1.25);
      signals.add(new FrameSignal(i, i / 25.0, c, c * 2 / 3, c * 4 / 3, c, MotionSample.NONE));
    }
    return new SceneDetection(video(id), 50, 2.0, DetectorSettings.defaults(), List.of(30L),
        List.of(new Scene(1, 0, 30, 0.0, 1.2), new Scene(2, 30, 50, 1.2, 2.0)), signals);
  }

  @Test
  void timecodesAndNumbersAsPython() {
    assertEquals("00:00:00.000", Timecodes.timecode(0));
    assertEquals("00:00:11.792", Timecodes.timecode(11.792));
    assertEquals("01:02:05.500", Timecodes.timecode(3725.5));
    assertEquals("00:01:00.000", Timecodes.timecode(59.9996));
    assertEquals("00:00:01.000", Timecodes.timecode(1.0005)); // 1.0005 is 1.000499999... in binary, as Python rounds it
    assertEquals("00:00:01.002", Timecodes.timecode(1.0015)); // 1.00150000000000005684...
    assertEquals("0.125", Timecodes.seconds3(0.125));
    assertEquals("2.000", Timecodes.seconds3(2));
    assertEquals("0.0", Timecodes.pyFloat(0.0));
    assertEquals("3.0", Timecodes.pyFloat(3.0));
    assertEquals("12.345", Timecodes.pyFloat(12.345));
    assertEquals("0.0005", Timecodes.pyFloat(0.0005));
    assertEquals("1e-05", Timecodes.pyFloat(0.00001));
    assertEquals("0.1", Timecodes.pyFloat(0.1));
    assertEquals("30.333333333333332", Timecodes.pyFloat(91.0 / 3));
  }

  @Test
  void scenesCsvHasListScenesColumns() {
    String csv = new String(SceneFiles.scenesCsv(detection("clip_1")), StandardCharsets.UTF_8);
    assertEquals(
        "Timecode List:,00:00:01.200\n"
            + "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,"
            + "End Time (seconds),Length (frames),Length (timecode),Length (seconds)\n"
            + "1,1,00:00:00.000,0.000,30,00:00:01.200,1.200,30,00:00:01.200,1.200\n"
            + "2,31,00:00:01.200,1.200,50,00:00:02.000,2.000,20,00:00:00.800,0.800\n",
        csv);
  }

  @Test
  void statsCsvHasPySceneDetectColumns() {
    String[] lines = new String(SceneFiles.statsCsv(detection("clip_1")), StandardCharsets.UTF_8).split("\n");
    assertEquals(51, lines.length);
    assertEquals("Frame Number,Timecode,adaptive_ratio (w=2),average_rgb,content_val,delta_edges,"
        + "delta_hue,delta_lum,delta_sat,hash_dist [size=8 lowpass=2],hist_diff [bins=128]", lines[0]);
    assertEquals("1,00:00:00.000,None,None,0.0,0.0,0.0,0.0,0.0,None,None", lines[1]);
    assertEquals(
        "31,00:00:01.200,None,None,45.5,0.0,45.5,60.666666666666664,30.333333333333332,None,None",
        lines[31]);
  }

  @Test
  void statsCsvWritesEveryDetectorsMetricUnderItsParameters() {
    SceneDetection d = detection("clip_1");
    List<FrameSignal> signals = new ArrayList<>();
    for (FrameSignal f : d.signals()) {
      signals.add(new FrameSignal(f.frame(), f.time(), f.deltaHue(), f.deltaSat(), f.deltaLum(),
          f.contentVal(), f.motion(), 12.5, f.frame() == 0 ? Double.NaN : 0.25,
          f.frame() == 0 ? Double.NaN : -0.0078125, f.frame() < 3 ? Double.NaN : 1.5, f.quality()));
    }
    DetectorSettings s = DetectorSettings.defaults().withDetector(Detector.HASH)
        .withHash(0.4, 16, 4).withHistogram(0.2, 64).withAdaptive(3.0, 3, 15.0);
    SceneDetection other = new SceneDetection(d.video(), d.frameCount(), d.durationSeconds(), s,
        d.cuts(), d.scenes(), signals);
    String[] lines = new String(SceneFiles.statsCsv(other), StandardCharsets.UTF_8).split("\n");
    assertEquals("Frame Number,Timecode,adaptive_ratio (w=3),average_rgb,content_val,delta_edges,"
        + "delta_hue,delta_lum,delta_sat,hash_dist [size=16 lowpass=4],hist_diff [bins=64]", lines[0]);
    assertEquals("1,00:00:00.000,None,12.5,0.0,0.0,0.0,0.0,0.0,None,None", lines[1]);
    assertEquals("4,00:00:00.120,1.5,12.5,1.25,0.0,1.25,1.6666666666666667,0.8333333333333334,0.25,"
        + "-0.0078125", lines[4]);
    var block = SceneFiles.detector(s);
    assertEquals("HashDetector", block.path("name").asText());
    assertEquals(0.4, block.path("threshold").asDouble());
    assertEquals(16, block.path("size").asInt());
    assertEquals(4, block.path("lowpass").asInt());
    assertEquals(15, block.path("min_scene_len").asInt());
    assertTrue(block.path("weights").isMissingNode());
    var fade = SceneFiles.detector(s.withDetector(Detector.THRESHOLD).withFade(20, -1, true));
    assertEquals("ThresholdDetector", fade.path("name").asText());
    assertEquals(20.0, fade.path("threshold").asDouble());
    assertEquals(-1.0, fade.path("fade_bias").asDouble());
    assertTrue(fade.path("add_final_scene").asBoolean());
  }

  @Test
  void scenesJsonListsTypedTransitions() throws Exception {
    SceneDetection d = detection("clip_1");
    SceneDetection typed = new SceneDetection(d.video(), d.frameCount(), d.durationSeconds(),
        d.settings(), d.cuts(), d.scenes(), d.signals(),
        List.of(new Transition(Transition.Type.FADE_IN, 0, 10, 0.0, 0.4, 0.75),
            new Transition(Transition.Type.CUT, 30, 30, 1.2, 1.2, 0.5)));
    var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SceneFiles.scenesJson(typed, List.of()));
    var t = n.path("transitions");
    assertEquals(2, t.size());
    assertEquals("fade_in", t.get(0).path("type").asText());
    assertEquals(0, t.get(0).path("start_frame").asInt());
    assertEquals(10, t.get(0).path("end_frame").asInt());
    assertEquals(0.4, t.get(0).path("end_time").asDouble());
    assertEquals(0.75, t.get(0).path("confidence").asDouble());
    assertEquals("cut", t.get(1).path("type").asText());
    assertEquals(30, t.get(1).path("end_frame").asInt());
  }

  @Test
  void scenesJsonFieldsInOrderWithKeyframesPerScene() throws Exception {
    SceneDetection d = detection("clip_1");
    List<Keyframe> kf = List.of(
        new Keyframe("clip_1", 2, 0, 31, 1.24, "frames/clip_1/b.jpg"),
        new Keyframe("clip_1", 1, 0, 1, 0.04, "frames/clip_1/a.jpg"));
    byte[] bytes = SceneFiles.scenesJson(d, kf);
    assertArrayEquals(bytes, SceneFiles.scenesJson(d, List.of(kf.get(1), kf.get(0))), "order of input does not matter");
    JsonNode n = Json.mapper().readTree(bytes);
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("video_path", "video_id", "fps", "frame_count", "duration", "resolution", "detector", "cuts", "transitions", "scenes"), fields);
    assertEquals("[1280,720]", n.path("resolution").toString());
    assertEquals(27.0, n.path("detector").path("threshold").asDouble());
    assertEquals(15, n.path("detector").path("min_scene_len").asInt());
    assertEquals("[30]", n.path("cuts").toString());
    JsonNode s2 = n.path("scenes").get(1);
    assertEquals(2, s2.path("scene_id").asInt());
    assertEquals(30, s2.path("start_frame").asInt());
    assertEquals(50, s2.path("end_frame").asInt());
    assertEquals("frames/clip_1/b.jpg", s2.path("keyframes").get(0).path("path").asText());
    assertEquals(1, n.path("scenes").get(0).path("keyframes").size());
  }
}
