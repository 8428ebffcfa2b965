package dev.reelbeam.io.video;

import java.util.List;

/**
 * Fetches chosen frames of a video by seeking, in one pass of ascending seeks: for each target time
 * it seeks to the last keyframe at or before it (unless decoding forward from where it is is
 * shorter) and decodes forward to the frame with exactly that time, converting only that frame to
 * BGR (the same bytes as the decode pass). Frames are upright (rotation applied). Decision: when no frame has exactly the target time (a target not taken from the
 * decode), the first frame after it is delivered.
 */
public final class FrameFetcher {
  private FrameFetcher() {}

  /** Receives each fetched frame; the frame's Mats are only valid during the call. */
  @FunctionalInterface
  public interface Sink {
    void accept(int targetIndex, DecodedFrame frame) throws Exception;
  }

  /**
   * @param video the probed video
   * @param times ascending frame times (seconds, as the decode reported them)
   * @param threads FFmpeg decoding threads (0: FFmpeg chooses)
   */
  public static void fetch(VideoInfo video, List<Double> times, int threads, Sink sink)
      throws Exception {
    if (times.isEmpty()) {
      return;
    }
    List<Double> keys = video.keyframeTimes();
    try (VideoDecoder decoder = VideoDecoder.openForFetch(video.path(), video.rotation(), threads)) {
      DecodedFrame current = null;
      boolean fresh = true; // positioned before the first frame of the file
      for (int i = 0; i < times.size(); i++) {
        double target = times.get(i);
        if (i > 0 && target < times.get(i - 1)) {
          throw new IllegalArgumentException("frame times must ascend: " + times);
        }
        double key = keyframeAtOrBefore(keys, target);
        boolean seek;
        if (current != null) {
          seek = current.time() > target || key > current.time();
        } else {
          seek = !fresh || key > 0;
        }
        if (seek && key >= 0 && !(fresh && key <= 0)) {
          decoder.seekToKeyframe(key);
          current = decoder.next();
          if (current != null && current.time() > target) {
            decoder.rewind(); // the demuxer overshot: decode from the start (slow, never wrong)
            current = decoder.next();
          }
        } else if (current == null) {
          current = decoder.next();
        }
        fresh = false;
        while (current != null && current.time() < target) {
          current = decoder.next();
        }
        if (current == null) {
          throw new MediaException(
              "Cannot fetch the frame at " + target + " s of " + video.path()
                  + ": the video ends before it");
        }
        sink.accept(i, current);
      }
    }
  }

  /**
   * The time of the last keyframe at or before {@code t} in {@code keys} (ascending), where a
   * fetch of {@code t} starts decoding; -1 when none is.
   */
  public static double keyframeAtOrBefore(List<Double> keys, double t) {
    double best = -1;
    for (double k : keys) {
      if (k <= t) {
        best = k;
      } else {
        break;
      }
    }
    return best;
  }
}
