package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenes from cuts, as PySceneDetect's scene list: numbered from 1, start inclusive, end exclusive,
 * each scene ending where the next starts; the last ends at the frame count and at
 * {@code durationSeconds}. One scene covering everything when there is no cut; none for no frames.
 */
public final class SceneListBuilder {
  private SceneListBuilder() {}

  public static List<Scene> build(List<Long> cuts, double[] times, double durationSeconds) {
    int n = times.length;
    List<Scene> scenes = new ArrayList<>();
    if (n == 0) {
      return scenes;
    }
    long start = 0;
    for (long cut : cuts) {
      if (cut <= start || cut >= n) {
        continue;
      }
      scenes.add(new Scene(scenes.size() + 1, start, cut, times[(int) start], times[(int) cut]));
      start = cut;
    }
    scenes.add(new Scene(scenes.size() + 1, start, n, times[(int) start], durationSeconds));
    return scenes;
  }

  /**
   * Scenes split by the cuts and by every fade and dissolve ({@code --splitGradual}): a scene ends
   * where a gradual transition starts and the next begins where it ends, so the transition's frames
   * belong to no scene, nor do the faded-out frames between a fade-out and the fade-in that
   * follows it; a scene left with no frame is dropped.
   */
  public static List<Scene> build(
      List<Long> cuts, List<Transition> transitions, double[] times, double durationSeconds) {
    int n = times.length;
    List<long[]> gaps = new ArrayList<>(); // [start, end) between scenes
    for (long c : cuts) {
      gaps.add(new long[] {c, c});
    }
    for (int i = 0; i < transitions.size(); i++) {
      Transition t = transitions.get(i);
      if (!t.type().gradual()) {
        continue;
      }
      long end = t.endFrame();
      if (t.type() == Transition.Type.FADE_OUT
          && i + 1 < transitions.size()
          && transitions.get(i + 1).type() == Transition.Type.FADE_IN) {
        end = transitions.get(++i).endFrame(); // the faded-out frames between are no scene
      }
      gaps.add(new long[] {t.startFrame(), end});
    }
    gaps.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<Scene> scenes = new ArrayList<>();
    long start = 0;
    for (long[] g : gaps) {
      long end = Math.min(g[0], n);
      if (end > start) {
        double endTime = end >= n ? durationSeconds : times[(int) end];
        scenes.add(new Scene(scenes.size() + 1, start, end, times[(int) start], endTime));
      }
      start = Math.max(start, g[1]);
    }
    if (start < n) {
      scenes.add(new Scene(scenes.size() + 1, start, n, times[(int) start], durationSeconds));
    }
    return scenes;
  }
}
