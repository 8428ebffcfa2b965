package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.VideoSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlannerTest {
  private static VideoInfo video(double duration, List<Double> keys) {
    return new VideoInfo("/v.mp4", "v_00000000", 1920, 1080, 1920, 1080, 0, 25, "25/1", duration,
        Math.round(duration * 25), 0, "h264", keys, false, 0, 0, "fp");
  }

  private static List<Double> starts(List<VideoSegment> segs) {
    return segs.stream().map(VideoSegment::startTime).toList();
  }

  @Test
  void shortVideosAreOneSegment() {
    List<VideoSegment> s = SegmentPlanner.plan(video(119, List.of(0.0, 10.0, 60.0, 100.0)), 60);
    assertEquals(1, s.size());
    assertEquals(0.0, s.get(0).startTime());
    assertEquals(Double.POSITIVE_INFINITY, s.get(0).endTime());
  }

  @Test
  void cutsAtKeyframesAboutEverySegmentLength() {
    List<Double> keys = List.of(0.0, 4.0, 8.0, 12.0, 16.0, 20.0, 24.0, 28.0);
    List<VideoSegment> s = SegmentPlanner.plan(video(30, keys), 10);
    assertEquals(List.of(0.0, 12.0, 24.0), starts(s));
    assertEquals(12.0, s.get(0).endTime());
    assertEquals(24.0, s.get(1).endTime());
    assertEquals(Double.POSITIVE_INFINITY, s.get(2).endTime());
    for (int i = 0; i < s.size(); i++) {
      assertEquals(i, s.get(i).index());
      assertEquals(3, s.get(i).count());
    }
  }

  @Test
  void noSliverAtTheEnd() {
    List<Double> keys = List.of(0.0, 10.0, 20.0, 29.0);
    assertEquals(List.of(0.0, 10.0, 20.0), starts(SegmentPlanner.plan(video(30, keys), 10)));
  }

  @Test
  void rejectsNonPositiveLength() {
    assertThrows(IllegalArgumentException.class, () -> SegmentPlanner.plan(video(30, List.of(0.0)), 0));
  }
}
