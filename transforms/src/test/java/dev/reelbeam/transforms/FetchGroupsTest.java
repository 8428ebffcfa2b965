package dev.reelbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reelbeam.transforms.scenes.KeyframePlanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How ExtractFrames cuts a video's sought picks into fetch chunks. */
class FetchGroupsTest {
  /** Keyframes every 10 s, as the expensive film's longest GOPs. */
  private static final List<Double> KEYS = List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0);

  private static KeyframePlanner.Pick at(int scene, int position, double time) {
    return new KeyframePlanner.Pick(scene, position, Math.round(time * 24), time);
  }

  private static List<Integer> sizes(List<List<KeyframePlanner.Pick>> groups) {
    List<Integer> out = new ArrayList<>();
    for (List<KeyframePlanner.Pick> g : groups) {
      out.add(g.size());
    }
    return out;
  }

  @Test
  void littleDecodingTakesOneChunk() {
    // 1 + 2 + 3 s from their keyframes: less than one chunk's worth, however many chunks are allowed
    var picks = List.of(at(1, 0, 11), at(2, 0, 32), at(3, 0, 53));
    assertEquals(List.of(3), sizes(ExtractFrames.fetchGroups(picks, KEYS, 8, ExtractFrames.MIN_FETCH_SECONDS)));
  }

  @Test
  void chunksOfAboutEqualDecodingAndNeverMoreThanAllowed() {
    // 9 s each from its keyframe: 36 s, 4 chunks' worth
    var picks = List.of(at(1, 0, 9), at(2, 0, 19), at(3, 0, 29), at(4, 0, 39));
    assertEquals(List.of(1, 1, 1, 1), sizes(ExtractFrames.fetchGroups(picks, KEYS, 8, ExtractFrames.MIN_FETCH_SECONDS)));
    assertEquals(List.of(2, 2), sizes(ExtractFrames.fetchGroups(picks, KEYS, 2, ExtractFrames.MIN_FETCH_SECONDS)));
    assertEquals(List.of(4), sizes(ExtractFrames.fetchGroups(picks, KEYS, 1, ExtractFrames.MIN_FETCH_SECONDS)));
    // half as long a chunk: twice as many (several workers)
    var halves = List.of(at(1, 0, 2.5), at(2, 0, 12.5), at(3, 0, 22.5), at(4, 0, 32.5));
    assertEquals(List.of(4), sizes(ExtractFrames.fetchGroups(halves, KEYS, 8, ExtractFrames.MIN_FETCH_SECONDS)));
    assertEquals(List.of(2, 2), sizes(ExtractFrames.fetchGroups(halves, KEYS, 8, ExtractFrames.MIN_FETCH_SECONDS / 2)));
  }

  @Test
  void aPickAfterAnotherInItsGopCostsOnlyTheFramesBetween() {
    // 9 s, then 0.5 s on from it in the same GOP, then 9 s and 0.5 s: two chunks of two
    var picks = List.of(at(1, 1, 9), at(1, 2, 9.5), at(2, 1, 39), at(2, 2, 39.5));
    var groups = ExtractFrames.fetchGroups(picks, KEYS, 8, ExtractFrames.MIN_FETCH_SECONDS);
    assertEquals(List.of(2, 2), sizes(groups));
    assertEquals(9.5, groups.get(0).get(1).time());
  }

  @Test
  void picksOnOneFrameStayTogether() {
    // the middle and end of a scene on one frame: never split, even where the halves fall between
    var picks = List.of(at(1, 0, 9), at(2, 1, 19), at(2, 2, 19), at(3, 0, 29));
    var groups = ExtractFrames.fetchGroups(picks, KEYS, 2, ExtractFrames.MIN_FETCH_SECONDS);
    for (var g : groups) {
      for (int i = 1; i < g.size(); i++) {
        // a group's picks ascend
        assertEquals(true, g.get(i).time() >= g.get(i - 1).time());
      }
    }
    int whereMiddle = -1;
    int whereEnd = -1;
    for (int k = 0; k < groups.size(); k++) {
      for (var p : groups.get(k)) {
        if (p.sceneId() == 2 && p.position() == 1) {
          whereMiddle = k;
        }
        if (p.sceneId() == 2 && p.position() == 2) {
          whereEnd = k;
        }
      }
    }
    assertEquals(whereMiddle, whereEnd);
    assertEquals(2, groups.size());
  }
}
