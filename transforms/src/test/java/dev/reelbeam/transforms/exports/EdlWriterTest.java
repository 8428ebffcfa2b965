package dev.reelbeam.transforms.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdlWriterTest {

  /** Cuts around timecode-second, minute and hour boundaries, where a convention slip shows. */
  private static final long[] CUTS_30 = {29, 30, 31, 1798, 1799, 1800, 1801, 17982, 53946, 107999, 108000};

  @Test
  void ntsc2997ReadsBackFrameExact() {
    SceneDetection d = Detections.of("/media/a film.mp4", "a_film_1234abcd", 30000, 1001, true, 110_000, CUTS_30);
    assertReadsBack(d, 30);
    EdlReader.Edl edl = EdlReader.parse(EdlWriter.render(CutList.of(d)));
    // 108,000 frames is one hour of 30-frame timecode seconds, 3,603.6 s of 29.97 fps video.
    EdlReader.Event last = edl.events().get(edl.events().size() - 1);
    assertEquals("01:00:00:00", last.sourceIn());
    assertEquals(3603.6, d.scenes().get(d.scenes().size() - 1).startTime(), 1e-9);
  }

  @Test
  void film23976ReadsBackFrameExact() {
    SceneDetection d =
        Detections.of("/media/film.mkv", "film_0badf00d", 24000, 1001, false, 200_000, 23, 24, 25, 1439, 1440, 86_399, 86_400, 172_801);
    assertReadsBack(d, 24);
  }

  @Test
  void integerRatesAgreeWithWallClockTime() {
    SceneDetection d = Detections.of("/m/c.avi", "c_00000001", 25, 1, false, 10_000, 90, 1500, 9000);
    assertReadsBack(d, 25);
    EdlReader.Edl edl = EdlReader.parse(EdlWriter.render(CutList.of(d)));
    // At an integer rate timecode is wall-clock time: frame 1500 at 25 fps is 60 s.
    assertEquals("00:01:00:00", edl.events().get(2).sourceIn());
    assertEquals("00:06:00:00", edl.events().get(3).sourceIn());
    assertEquals("00:06:40:00", edl.events().get(3).sourceOut());
  }

  @Test
  void oneSceneWithoutCuts() {
    SceneDetection d = Detections.of("/m/still.webm", "still_1", 30, 1, false, 45);
    EdlReader.Edl edl = EdlReader.parse(EdlWriter.render(CutList.of(d)));
    assertEquals(1, edl.events().size());
    assertEquals("00:00:01:15", edl.events().get(0).sourceOut());
  }

  @Test
  void writesAtomicallyWithTheSameBytesTwice(@TempDir Path dir) throws Exception {
    SceneDetection d = Detections.of("/media/a.mp4", "a_1", 30000, 1001, true, 5000, 100, 2000);
    Path target = dir.resolve("analysis/scenes/a_1.edl");
    EdlWriter.write(CutList.of(d), target);
    byte[] first = Files.readAllBytes(target);
    EdlWriter.write(CutList.of(d), target);
    assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(target));
    try (var files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "no temporary files left");
    }
  }

  /**
   * PySceneDetect's save-edl takes HH:MM:SS from the clock and FF from the remainder. At integer
   * rates that is the same text as ours; at 29.97 it drifts from the frame count, which is why we
   * count frames (see {@link Timecode}).
   */
  @Test
  void sameTextAsPySceneDetectAtIntegerRatesOnly() {
    for (long f : new long[] {0, 1, 24, 25, 1499, 1500, 89_999, 90_000, 123_456}) {
      assertEquals(clockTimecode(f, 25.0), Timecode.format(f, 25));
    }
    double ntsc = 30000.0 / 1001.0;
    assertEquals(clockTimecode(29, ntsc), Timecode.format(29, 30));
    // Frame 1019 is shown at 34.0007 s: the clock convention writes 00:00:34:00, which an editor
    // reading non-drop-frame takes for frame 1020. Counting frames writes 00:00:33:29.
    assertEquals("00:00:34:00", clockTimecode(1019, ntsc));
    assertEquals("00:00:33:29", Timecode.format(1019, 30));
    assertEquals(1019, Timecode.parse(Timecode.format(1019, 30), 30));
  }

  private static String clockTimecode(long frame, double fps) {
    double seconds = frame / fps;
    long hh = (long) (seconds / 3600);
    long mm = (long) ((seconds % 3600) / 60);
    long ss = (long) (seconds % 60);
    long ff = (long) ((seconds * fps) % fps);
    return String.format("%02d:%02d:%02d:%02d", hh, mm, ss, ff);
  }

  @Test
  void longTitlesAreCutTo70Characters() {
    SceneDetection d = Detections.of("/m/" + "x".repeat(100) + ".mp4", "x_1", 25, 1, false, 10);
    assertEquals(70, EdlReader.parse(EdlWriter.render(CutList.of(d))).title().length());
  }

  private static void assertReadsBack(SceneDetection d, int expectedTimebase) {
    CutList cuts = CutList.of(d);
    assertEquals(expectedTimebase, cuts.rate().timebase());
    String text = EdlWriter.render(cuts);
    EdlReader.Edl edl = EdlReader.parse(text);
    assertEquals(cuts.title(), edl.title());
    assertEquals("NON-DROP FRAME", edl.frameCodeMode());
    assertEquals(d.scenes().size(), edl.events().size());
    double fps = d.video().fps();
    long record = 0;
    for (int i = 0; i < d.scenes().size(); i++) {
      Scene s = d.scenes().get(i);
      EdlReader.Event e = edl.events().get(i);
      assertEquals(i + 1, e.number());
      assertEquals("AX", e.reel());
      assertEquals("V", e.channels());
      assertEquals("C", e.transition());
      long in = Timecode.parse(e.sourceIn(), expectedTimebase);
      long out = Timecode.parse(e.sourceOut(), expectedTimebase);
      assertEquals(s.startFrame(), in, "scene " + s.sceneId() + " in " + e.sourceIn());
      assertEquals(s.endFrame(), out, "scene " + s.sceneId() + " out " + e.sourceOut());
      // The frame an editor reads is the frame shown at the scene's start time.
      assertEquals(s.startTime(), in / fps, 0.5 / fps);
      assertEquals(record, Timecode.parse(e.recordIn(), expectedTimebase));
      record += s.endFrame() - s.startFrame();
      assertEquals(record, Timecode.parse(e.recordOut(), expectedTimebase));
      assertEquals(
          List.of("FROM CLIP NAME: " + cuts.fileName(), "SOURCE FILE: " + d.video().path()), e.comments());
    }
    assertEquals(d.frameCount(), record);
    assertTrue(text.endsWith("\n"));
  }
}
