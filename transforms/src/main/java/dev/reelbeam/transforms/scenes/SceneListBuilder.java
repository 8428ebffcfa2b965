package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.Scene;
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
}
