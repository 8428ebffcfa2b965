package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.KeyframeRef;
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

  /**
   * One planned image.
   *
   * @param quality the frame's measured quality ({@link FrameQuality#UNKNOWN} until known)
   * @param duplicateOf the earlier pick it repeats, or null
   * @param write false for a duplicate {@code --dedup} lists but does not write
   */
  public record Pick(
      int sceneId,
      int position,
      long frame,
      double time,
      FrameQuality quality,
      KeyframeRef duplicateOf,
      boolean write)
      implements java.io.Serializable {

    public Pick(int sceneId, int position, long frame, double time) {
      this(sceneId, position, frame, time, FrameQuality.UNKNOWN, null, true);
    }

    public Pick withQuality(FrameQuality q) {
      return new Pick(sceneId, position, frame, time, q, duplicateOf, write);
    }

    public Pick asDuplicateOf(KeyframeRef original, boolean writeIt) {
      return new Pick(sceneId, position, frame, time, quality, original, writeIt);
    }

    public KeyframeRef ref() {
      return new KeyframeRef(sceneId, position, frame);
    }
  }

  public static List<Pick> scenePicks(List<Scene> scenes, double[] times, double fps) {
    List<Pick> picks = new ArrayList<>();
    for (Scene s : scenes) {
      long[] frames =
          scenePickFrames(s.startTime(), s.endTime(), s.startFrame(), s.endFrame(), times, fps);
      for (int j = 0; j < 3; j++) {
        picks.add(new Pick(s.sceneId(), j, frames[j], times[(int) frames[j]]));
      }
    }
    return picks;
  }

  /**
   * {@code --keyframes=best}: each of {@link #scenePicks}'s picks moved to the best frame of its
   * window ({@link KeyframeChooser}), with every pick's quality attached.
   */
  public static List<Pick> bestScenePicks(SceneDetection d, double[] times) {
    KeyframeChooser chooser = KeyframeChooser.of(d);
    List<Pick> picks = new ArrayList<>();
    for (Scene s : d.scenes()) {
      long[] frames = scenePickFrames(
          s.startTime(), s.endTime(), s.startFrame(), s.endFrame(), times, d.video().fps());
      for (int j = 0; j < 3; j++) {
        long f = chooser.choose(j, s.startFrame(), s.endFrame(), frames[j]);
        picks.add(new Pick(s.sceneId(), j, f, times[(int) f]));
      }
    }
    return picks;
  }

  /** The picks with the quality of their frames (measured in the decode pass) attached. */
  public static List<Pick> withQuality(List<Pick> picks, List<FrameSignal> signals) {
    List<Pick> out = new ArrayList<>(picks.size());
    for (Pick p : picks) {
      out.add(p.withQuality(signals.get((int) p.frame()).quality()));
    }
    return out;
  }

  /**
   * The begin, middle and end frames of one scene {@code [startFrame, endFrame)} spanning
   * {@code [startTime, endTime)}, among {@code times} (indexed like the frames).
   */
  public static long[] scenePickFrames(
      double startTime, double endTime, long startFrame, long endFrame, double[] times, double fps) {
    double margin = 1.0 / fps;
    double duration = endTime - startTime;
    long[] frames = new long[3];
    for (int j = 0; j < 3; j++) {
      double t;
      if (duration <= 0) {
        t = startTime;
      } else {
        double part = duration / 3;
        double partStart = startTime + j * part;
        double partEnd = startTime + (j + 1) * part;
        if (j == 0) {
          t = Math.min(partStart + margin, partEnd);
        } else if (j == 2) {
          t = Math.max(partEnd - margin, partStart);
        } else {
          t = (partStart + partEnd) / 2.0;
        }
      }
      frames[j] = frameAt(times, t, startFrame, endFrame - 1);
    }
    return frames;
  }

  /** The interval picks' target time number {@code k}: {@code k * seconds}. */
  static double intervalTime(long k, double seconds) {
    return k * seconds;
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
      double t = intervalTime(k, seconds);
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
