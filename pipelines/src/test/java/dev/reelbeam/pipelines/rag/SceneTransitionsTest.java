package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.pipelines.report.ReportData.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneTransitionsTest {

  @Test
  void videoEdgesAndPlainCuts() {
    List<Segment> none = List.of();
    assertEquals("start", SceneTransitions.in(none, 0, 100));
    assertEquals("cut", SceneTransitions.out(none, 0, 100, 300));
    assertEquals("cut", SceneTransitions.in(none, 100, 300));
    assertEquals("end", SceneTransitions.out(none, 100, 300, 300));
  }

  @Test
  void aDissolveSpanningTheCutIsBothScenesTransition() {
    List<Segment> t = List.of(new Segment("dissolve", 90, 110));
    assertEquals("dissolve", SceneTransitions.out(t, 0, 100, 300));
    assertEquals("dissolve", SceneTransitions.in(t, 100, 300));
  }

  @Test
  void splitGradualScenesEndWhereTheTransitionStarts() {
    // --splitGradual: [0, 90), the dissolve's frames, [110, 300)
    List<Segment> t = List.of(new Segment("dissolve", 90, 110));
    assertEquals("dissolve", SceneTransitions.out(t, 0, 90, 300));
    assertEquals("dissolve", SceneTransitions.in(t, 110, 300));
  }

  @Test
  void fadesInsideTheSceneNearItsEdges() {
    // Fade out to black, black frames, a cut, black frames, fade in (testvideo.mp4's pattern).
    List<Segment> t = List.of(new Segment("fade_out", 80, 95), new Segment("fade_in", 104, 120));
    assertEquals("fade_out", SceneTransitions.out(t, 0, 100, 300));
    assertEquals("fade_in", SceneTransitions.in(t, 100, 300));
    // A fade-in at the very start of the video touches frame 0.
    assertEquals("fade_in", SceneTransitions.in(List.of(new Segment("fade_in", 0, 24)), 0, 100));
    // A fade far from the edge (in the scene's first half) is not how it ends.
    assertEquals("cut", SceneTransitions.out(List.of(new Segment("fade_out", 10, 30)), 0, 100, 300));
  }

  @Test
  void aFlashOnTheCutNamesIt() {
    List<Segment> t = List.of(new Segment("flash", 150, 153));
    assertEquals("flash", SceneTransitions.out(t, 100, 150, 300));
    assertEquals("flash", SceneTransitions.in(t, 150, 300));
    assertEquals("fade in", SceneTransitions.words("fade_in"));
  }
}
