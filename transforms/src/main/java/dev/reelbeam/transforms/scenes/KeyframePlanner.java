package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * Which frames to save per scene, placed as PySceneDetect's {@code save-images} does with
 * {@code num_images=3} and {@code frame_margin=1} (scenedetect/output/image.py, time based): the
 * scene's duration is cut into three equal parts; the first image sits one frame duration
 * ({@code 1 / fps}) after the scene start (but not past its part), the middle one at the middle of
 * the middle part, the last one frame duration before the scene end (but not before its part).
 *
 * <p>Decision: a time maps to the decoded frame nearest to it (the later one on a tie), kept inside
 * the scene: for constant frame rates that is PySceneDetect's {@code round(t * fps)}, and on VFR
 * video it is the frame whose timestamp is closest, not a nominal frame number.
 */
public final class KeyframePlanner {
  private KeyframePlanner() {}

  /** One planned image. */
  public record Pick(int sceneId, int position, long frame, double time)
      implements java.io.Serializable {}

  public static List<Pick> scenePicks(List<Scene> scenes, double[] times, double fps) {
    double margin = 1.0 / fps;
    List<Pick> picks = new ArrayList<>();
    for (Scene s : scenes) {
      double duration = s.endTime() - s.startTime();
      for (int j = 0; j < 3; j++) {
        double t;
        if (duration <= 0) {
          t = s.startTime();
        } else {
          double part = duration / 3;
          double partStart = s.startTime() + j * part;
          double partEnd = s.startTime() + (j + 1) * part;
          if (j == 0) {
            t = Math.min(partStart + margin, partEnd);
          } else if (j == 2) {
            t = Math.max(partEnd - margin, partStart);
          } else {
            t = (partStart + partEnd) / 2.0;
          }
        }
        long frame = frameAt(times, t, s.startFrame(), s.endFrame() - 1);
        picks.add(new Pick(s.sceneId(), j, frame, times[(int) frame]));
      }
    }
    return picks;
  }

  /**
   * A frame every {@code seconds}, from time 0: the frame nearest to 0, N, 2N, ... up to the last
   * frame's time (a time past the last frame is not sampled; a frame is never written twice);
   * numbered from 1.
   */
  public static List<Pick> intervalPicks(double[] times, double durationSeconds, double seconds) {
    List<Pick> picks = new ArrayList<>();
    if (times.length == 0) {
      return picks;
    }
    long previous = -1;
    int seq = 0;
    for (long k = 0; ; k++) {
      double t = k * seconds;
      if (t >= durationSeconds || t > times[times.length - 1] + 1e-9) {
        break;
      }
      long frame = frameAt(times, t, 0, times.length - 1);
      if (frame != previous) {
        picks.add(new Pick(0, ++seq, frame, times[(int) frame]));
        previous = frame;
      }
    }
    return picks;
  }

  static long frameAt(double[] times, double t, long lo, long hi) {
    long floor = lo;
    long a = lo;
    long b = hi;
    while (a <= b) {
      long mid = (a + b) >>> 1;
      if (times[(int) mid] <= t) {
        floor = mid;
        a = mid + 1;
      } else {
        b = mid - 1;
      }
    }
    long best = floor;
    if (times[(int) floor] < t && floor < hi && times[(int) (floor + 1)] - t <= t - times[(int) floor]) {
      best = floor + 1;
    }
    return Math.max(lo, Math.min(hi, best));
  }
}
