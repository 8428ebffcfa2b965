package dev.reelbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.transforms.scenes.KeyframePlanner.Pick;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A span's picks are cut by how many each part seeks for, never between two picks of one frame. */
class ExtractFramesChunksTest {

  @Test
  void cutsAtTheFourthSeekKeepsStagedPicksAndSharedFramesTogether() {
    // frames 10..90; 30 and 31 share frame 30 (two scenes' picks of one frame); staged: 20 and 60
    List<Pick> span = new ArrayList<>(List.of(
        new Pick(3, 0, 90, 3.75), new Pick(1, 0, 10, 0.42), new Pick(1, 1, 20, 0.83),
        new Pick(1, 2, 30, 1.25), new Pick(2, 0, 30, 1.25), new Pick(2, 1, 40, 1.67),
        new Pick(2, 2, 50, 2.08), new Pick(3, 1, 60, 2.5), new Pick(3, 2, 70, 2.92)));
    Set<Long> staged = Set.of(20L, 60L);
    List<List<Pick>> parts = ExtractFrames.bySeeks(span, p -> !staged.contains(p.frame()), 2);
    assertEquals(List.of(List.of(10L, 20L, 30L, 30L), List.of(40L, 50L, 60L), List.of(70L, 90L)), frames(parts));
    // the two picks of frame 30 stay in one part, in the writer's order (scene, then position)
    assertEquals(1, parts.get(0).get(2).sceneId());
    assertEquals(2, parts.get(0).get(3).sceneId());
  }

  @Test
  void aSpanWithoutSeeksIsOnePartAndNoPicksNoPart() {
    List<Pick> span = List.of(new Pick(1, 0, 5, 0.2), new Pick(1, 1, 6, 0.25), new Pick(1, 2, 7, 0.3));
    assertEquals(List.of(List.of(5L, 6L, 7L)), frames(ExtractFrames.bySeeks(span, p -> false, 1)));
    assertEquals(List.of(), ExtractFrames.bySeeks(List.of(), p -> true, 4));
    // one seek a part: every pick its own part
    assertEquals(List.of(List.of(5L), List.of(6L), List.of(7L)), frames(ExtractFrames.bySeeks(span, p -> true, 1)));
  }

  private static List<List<Long>> frames(List<List<Pick>> parts) {
    return parts.stream().map(part -> part.stream().map(Pick::frame).toList()).toList();
  }
}
