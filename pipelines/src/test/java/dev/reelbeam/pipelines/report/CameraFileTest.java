package dev.reelbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.pipelines.report.ReportData.Camera;
import dev.reelbeam.pipelines.report.ReportData.Segment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The camera and composition readers accept the layouts an analysis file may take. */
class CameraFileTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void columnsAndTopLevelMovementsInSeconds() throws Exception {
    JsonNode cam = MAPPER.readTree(
        """
        {"track": {"frame": [1, 2, 3], "dx": [0.1, 0.2, 0.3], "dy": [0, 0, -0.1], "scale": [1.0, 1.01, 0.99]},
         "movements": [{"movement": "zoom_out", "start_time": 1.0, "end_time": 2.0},
                       {"movement": "pan_right", "start_time": 0.0, "end_time": 1.0}],
         "shots": [{"scene_id": 1, "dominant_movement": {"type": "pan_right"}}]}
        """);
    Camera c = CameraFile.track(cam, 25.0);
    assertArrayEquals(new long[] {1, 2, 3}, c.frames());
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, c.dx());
    assertEquals(-0.01f, c.zoom()[2], 1e-6);
    assertEquals(List.of(new Segment("pan_right", 0, 25), new Segment("zoom_out", 25, 50)), c.segments());
    assertEquals(Map.of(1, "pan_right"), CameraFile.dominantPerScene(cam));
  }

  @Test
  void perSceneSegmentsAndSamplesWithRawMotion() throws Exception {
    JsonNode cam = MAPPER.readTree(
        """
        {"scenes": [{"scene_id": 1, "dominant": "tilt_down",
                     "segments": [{"type": "tilt_down", "start_frame": 0, "end_frame": 10}]},
                    {"scene_id": 2, "dominant": "roll",
                     "segments": [{"type": "roll", "start_frame": 10, "end_frame": 30}]}],
         "track": [{"frame": 1, "raw": {"dx": 0.5, "dy": 0.25, "scale": 1.5}},
                   {"time": 0.08, "dx": 0.1, "zoom": 0.2}]}
        """);
    Camera c = CameraFile.track(cam, 25.0);
    assertArrayEquals(new long[] {1, 2}, c.frames());
    assertArrayEquals(new float[] {0.5f, 0.1f}, c.dx());
    assertArrayEquals(new float[] {0.5f, 0.2f}, c.zoom());
    assertEquals(List.of(new Segment("tilt_down", 0, 10), new Segment("roll", 10, 30)), c.segments());
    assertEquals(Map.of(1, "tilt_down", 2, "roll"), CameraFile.dominantPerScene(cam));
  }

  @Test
  void nothingUsableIsNoCamera() throws Exception {
    assertNull(CameraFile.track(MAPPER.readTree("{\"video_id\": \"x\"}"), 25.0));
  }

  @Test
  void compositionPerSceneOrFromKeyframes() throws Exception {
    JsonNode perScene = MAPPER.readTree(
        "{\"scenes\": [{\"scene_id\": 1, \"scores\": {\"overall\": 0.5}}, {\"scene_id\": 2, \"overall\": {\"mean\": 0.7}}]}");
    assertEquals(Map.of(1, 0.5, 2, 0.7), CompositionFile.scorePerScene(perScene));
    JsonNode keyframes = MAPPER.readTree(
        "{\"keyframes\": [{\"scene_id\": 3, \"score\": 0.2}, {\"scene_id\": 3, \"score\": 0.4}]}");
    assertEquals(0.3, CompositionFile.scorePerScene(keyframes).get(3), 1e-12);
  }
}
