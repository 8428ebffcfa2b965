package dev.reelbeam.transforms.exports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtioWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void ntsc2997TimelineReadsBackFrameExact() throws Exception {
    SceneDetection d =
        Detections.of("/media/a film.mp4", "a_film_1234abcd", 30000, 1001, true, 110_000,
            29, 30, 1799, 1800, 17982, 107999, 108000);
    JsonNode timeline = MAPPER.readTree(OtioWriter.render(CutList.of(d)));
    assertTimeline(d, timeline, 30000.0 / 1001.0);
    List<JsonNode> tracks = list(timeline.at("/tracks/children"));
    assertEquals(List.of("Video", "Audio"), tracks.stream().map(t -> t.get("kind").asText()).toList());
    JsonNode ref = timeline.at("/tracks/children/0/children/0/media_references/DEFAULT_MEDIA");
    assertEquals("ExternalReference.1", ref.get("OTIO_SCHEMA").asText());
    assertEquals("file:///media/a%20film.mp4", ref.get("target_url").asText());
    assertEquals("a film.mp4", ref.get("name").asText());
    assertEquals(110_000.0, ref.at("/available_range/duration/value").asDouble());
    assertEquals("30000/1001", timeline.at("/metadata/reelbeam/frame_rate").asText());
    assertEquals(27.0, timeline.at("/metadata/reelbeam/detector/threshold").asDouble());
  }

  @Test
  void film23976TimelineReadsBackFrameExact() throws Exception {
    SceneDetection d =
        Detections.of("/media/film.mkv", "film_0badf00d", 24000, 1001, false, 200_000, 23, 24, 1440, 86_400, 172_801);
    JsonNode timeline = MAPPER.readTree(OtioWriter.render(CutList.of(d)));
    assertTimeline(d, timeline, 24000.0 / 1001.0);
    assertEquals(1, timeline.at("/tracks/children").size(), "no audio track without audio");
  }

  @Test
  void sameBytesEveryTime() {
    SceneDetection d = Detections.of("/m/x.mp4", "x_1", 25, 1, true, 1000, 100, 500);
    byte[] a = OtioWriter.render(CutList.of(d));
    byte[] b = OtioWriter.render(CutList.of(d));
    assertArrayEquals(a, b);
    String text = new String(a, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\n    \"OTIO_SCHEMA\": \"Timeline.1\",\n"), text.substring(0, 60));
    assertTrue(text.endsWith("}\n"));
  }

  @Test
  void targetUrls() {
    assertEquals("file:///a/b%20c/d.mp4", OtioWriter.targetUrl("/a/b c/d.mp4"));
    assertEquals("gs://bucket/film.mp4", OtioWriter.targetUrl("gs://bucket/film.mp4"));
    assertEquals("file:///C:/films/a.mp4", OtioWriter.targetUrl("C:\\films\\a.mp4"));
    assertEquals("file:///m/%C3%A9t%C3%A9.mp4", OtioWriter.targetUrl("/m/été.mp4"));
  }

  private static void assertTimeline(SceneDetection d, JsonNode timeline, double rate) {
    assertEquals("Timeline.1", timeline.get("OTIO_SCHEMA").asText());
    assertEquals("RationalTime.1", timeline.at("/global_start_time/OTIO_SCHEMA").asText());
    assertEquals(0.0, timeline.at("/global_start_time/value").asDouble());
    JsonNode stack = timeline.get("tracks");
    assertEquals("Stack.1", stack.get("OTIO_SCHEMA").asText());
    for (JsonNode track : stack.get("children")) {
      assertEquals("Track.1", track.get("OTIO_SCHEMA").asText());
      List<JsonNode> clips = list(track.get("children"));
      assertEquals(d.scenes().size(), clips.size());
      long timelinePosition = 0;
      for (int i = 0; i < clips.size(); i++) {
        Scene s = d.scenes().get(i);
        JsonNode clip = clips.get(i);
        assertEquals("Clip.2", clip.get("OTIO_SCHEMA").asText());
        assertEquals("DEFAULT_MEDIA", clip.get("active_media_reference_key").asText());
        assertEquals(s.sceneId(), clip.at("/metadata/reelbeam/scene_id").asInt());
        JsonNode range = clip.get("source_range");
        assertEquals("TimeRange.1", range.get("OTIO_SCHEMA").asText());
        JsonNode start = range.get("start_time");
        JsonNode duration = range.get("duration");
        // Rates are exact doubles of the rational rate; values whole frame numbers.
        assertEquals(rate, start.get("rate").asDouble());
        assertEquals(rate, duration.get("rate").asDouble());
        double startValue = start.get("value").asDouble();
        double durationValue = duration.get("value").asDouble();
        assertEquals(Math.rint(startValue), startValue);
        assertEquals(s.startFrame(), (long) startValue, "scene " + s.sceneId());
        assertEquals(s.endFrame() - s.startFrame(), (long) durationValue, "scene " + s.sceneId());
        assertEquals(s.startTime(), startValue / rate, 1e-9);
        assertEquals(s.endTime(), (startValue + durationValue) / rate, 1e-9);
        assertEquals(timelinePosition, s.startFrame(), "clips butt end to end");
        timelinePosition += (long) durationValue;
      }
      assertEquals(d.frameCount(), timelinePosition);
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
