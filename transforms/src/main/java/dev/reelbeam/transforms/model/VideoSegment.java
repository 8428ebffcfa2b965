package dev.reelbeam.transforms.model;

import dev.reelbeam.io.video.VideoInfo;
import java.io.Serializable;

/**
 * A keyframe-aligned slice of one video, the unit of decoding. Segments of one video are decoded in
 * parallel and stitched back in {@link #index()} order; the stitched result equals one sequential
 * pass.
 *
 * @param video the probed video
 * @param index 0-based position of this segment in the video
 * @param count how many segments the video was split into
 * @param startTime first presentation time (seconds, inclusive) this segment owns; 0 for the first
 * @param endTime presentation time (seconds, exclusive) where the next segment starts;
 *     {@link Double#POSITIVE_INFINITY} for the last
 */
public record VideoSegment(VideoInfo video, int index, int count, double startTime, double endTime)
    implements Serializable {

  public String key() {
    return video.videoId() + "#" + index;
  }
}
