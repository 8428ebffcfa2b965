package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.VideoSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a video into keyframe-aligned segments of about {@code segmentSeconds}. A video shorter
 * than twice that is one segment. A boundary is a keyframe at least {@code segmentSeconds} after the
 * previous boundary and at least half a segment before the end, so no segment is a sliver. The first
 * segment starts at 0 and owns everything before the second (frames with negative times too); the
 * last ends at {@link Double#POSITIVE_INFINITY}.
 */
public final class SegmentPlanner {
  private SegmentPlanner() {}

  public static List<VideoSegment> plan(VideoInfo video, double segmentSeconds) {
    return plan(video, segmentSeconds, Integer.MAX_VALUE);
  }

  /**
   * As {@link #plan(VideoInfo, double)}, with at most about {@code maxSegments} segments: a video
   * that would have more gets longer ones, {@code duration / maxSegments} each.
   */
  public static List<VideoSegment> plan(VideoInfo video, double segmentSeconds, int maxSegments) {
    if (!(segmentSeconds > 0)) {
      throw new IllegalArgumentException("segmentSeconds must be positive: " + segmentSeconds);
    }
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be at least 1: " + maxSegments);
    }
    List<Double> starts = new ArrayList<>();
    starts.add(0.0);
    double duration = video.durationSeconds();
    double length = Math.max(segmentSeconds, duration / maxSegments);
    if (duration >= 2 * length) {
      double last = 0.0;
      for (double k : video.keyframeTimes()) {
        if (k - last >= length && duration - k >= length / 2) {
          starts.add(k);
          last = k;
        }
      }
    }
    List<VideoSegment> segments = new ArrayList<>(starts.size());
    for (int i = 0; i < starts.size(); i++) {
      double end = i + 1 < starts.size() ? starts.get(i + 1) : Double.POSITIVE_INFINITY;
      segments.add(new VideoSegment(video, i, starts.size(), starts.get(i), end));
    }
    return segments;
  }
}
