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
  void atMostAboutMaxSegmentsByMakingThemLonger() {
    List<Double> keys = new java.util.ArrayList<>();
    for (int t = 0; t < 480; t += 10) {
      keys.add((double) t);
    }
    VideoInfo film = video(480, keys);
    assertEquals(8, SegmentPlanner.plan(film, 60).size());
    assertEquals(List.of(0.0, 240.0), starts(SegmentPlanner.plan(film, 60, 2)));
    assertEquals(List.of(0.0, 120.0, 240.0, 360.0), starts(SegmentPlanner.plan(film, 60, 4)));
    assertEquals(8, SegmentPlanner.plan(film, 60, 100).size(), "the length is a floor");
    assertEquals(1, SegmentPlanner.plan(film, 60, 1).size());
    assertEquals(1, SegmentPlanner.plan(video(100, keys.subList(0, 10)), 60, 2).size(), "short: one");
    assertThrows(IllegalArgumentException.class, () -> SegmentPlanner.plan(film, 60, 0));
  }

  @Test
  void rejectsNonPositiveLength() {
    assertThrows(IllegalArgumentException.class, () -> SegmentPlanner.plan(video(30, List.of(0.0)), 0));
  }
}
