package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.Transition;
import dev.reelbeam.transforms.model.Transition.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --splitGradual: fades and dissolves end a scene where they start; the next begins where they end. */
class SceneListBuilderTest {
  private static double[] times(int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i / 25.0;
    }
    return t;
  }

  @Test
  void gradualTransitionsSplitScenesAndBelongToNone() {
    List<Transition> transitions = List.of(
        new Transition(Type.FADE_IN, 0, 5, 0, 0.2, 1),
        new Transition(Type.CUT, 30, 30, 1.2, 1.2, 1),
        new Transition(Type.FADE_OUT, 60, 70, 2.4, 2.8, 1),
        new Transition(Type.FADE_IN, 72, 80, 2.88, 3.2, 1),
        new Transition(Type.FLASH, 85, 87, 3.4, 3.48, 1),
        new Transition(Type.DISSOLVE, 90, 100, 3.6, 4.0, 1));
    List<Scene> scenes = SceneListBuilder.build(List.of(30L), transitions, times(100), 4.0);
    assertEquals(List.of(
        new Scene(1, 5, 30, 0.2, 1.2),
        new Scene(2, 30, 60, 1.2, 2.4),
        new Scene(3, 80, 90, 3.2, 3.6)), scenes);
    // without gradual transitions, the same scenes as PySceneDetect's
    assertEquals(SceneListBuilder.build(List.of(30L), times(100), 4.0),
        SceneListBuilder.build(List.of(30L), List.of(new Transition(Type.CUT, 30, 30, 1.2, 1.2, 1)), times(100), 4.0));
  }
}
