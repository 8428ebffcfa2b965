package dev.reelbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.pipelines.report.ReportData.Run;
import dev.reelbeam.pipelines.report.ReportData.Video;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {

  @Test
  void readsEveryOutputOfARun(@TempDir Path out) throws Exception {
    new OutputFixture(out)
        .video("alpha_11111111", 25.0, 600, 1280, 720, new long[] {90, 250, 400}, true, true, false)
        .video("beta_22222222", 30000 / 1001.0, 300, 640, 360, new long[] {120}, false, false, false)
        .failed("broken_33333333", "probe", "not a video: no video stream")
        .finish();
    Run run = new OutputsReader(out).read();
    assertEquals("fixture", run.film());
    assertEquals(2, run.videos().size());
    Video a = run.videos().get(0);
    assertEquals("alpha_11111111", a.videoId());
    assertEquals(4, a.scenes().size());
    assertEquals(27.0, a.threshold());
    assertEquals(600, a.stats().frames().length);
    assertEquals(90, a.stats().frames()[90], "1-based CSV frame numbers become 0-based");
    assertEquals(60f, a.stats().values()[90]);
    assertEquals(600, a.camera().frames().length);
    assertTrue(Float.isNaN(a.camera().dx()[0]), "an invalid sample is a gap");
    assertEquals(8, a.camera().segments().size());
    assertEquals(new ReportData.Segment("pan_left", 90, 170), a.camera().segments().get(2));
    assertEquals("pan_left", a.scenes().get(1).movement());
    assertEquals(0.25 + 0.5 * 0.7, a.scenes().get(1).composition(), 1e-12);
    assertEquals("audio/alpha_11111111_audio.wav", a.audio());
    assertEquals(java.util.List.of("analysis/scenes/alpha_11111111.edl"), a.exports());
    assertEquals(3, a.scenes().get(2).keyframes().size());
    assertEquals(0.002 * Math.sin(10 / 60.0), a.camera().zoom()[10], 1e-6);
    assertEquals(java.util.List.of(new ReportData.Segment("fade_in", 0, 12)), a.transitions(), "cuts are drawn apart");

    Video b = run.videos().get(1);
    assertNull(b.camera());
    assertNull(b.audio());
    assertTrue(Double.isNaN(b.scenes().get(0).composition()));
    assertEquals(1, run.missing().size());
    assertEquals("broken_33333333", run.missing().get(0).videoId());
    assertEquals(1, run.errors().size());
    assertEquals("errors/broken_33333333.probe.json", run.errors().get(0).file());
  }

  @Test
  void pageHoldsEveryScenePlotsAndRelativeLinks(@TempDir Path out) throws Exception {
    new OutputFixture(out)
        .video("alpha_11111111", 25.0, 600, 1280, 720, new long[] {90, 250, 400}, true, true, false)
        .video("beta_22222222", 30000 / 1001.0, 300, 640, 360, new long[] {120}, false, false, false)
        .failed("broken_33333333", "decode", "truncated file <moov atom not found>")
        .finish();
    Path html = ReportBuilder.write(out);
    String page = Files.readString(html);
    assertEquals(out.resolve("report.html"), html);
    assertEquals(6, count(page, "<article class=\"scene\""));
    assertEquals(18, count(page, "<img "));
    assertEquals(18, count(page, "loading=\"lazy\""));
    assertTrue(page.contains("src=\"frames/alpha_11111111/scene0002_pos0_frame000091_t3.64s.jpg\""));
    assertEquals(2, count(page, "class=\"timeline score\""), "a content plot per video");
    assertEquals(1, count(page, "class=\"timeline camera\""), "camera plot only where analysed");
    assertTrue(page.contains("href=\"errors/broken_33333333.decode.json\""));
    assertTrue(page.contains("truncated file &lt;moov atom not found&gt;"), "messages escaped");
    assertTrue(page.contains("href=\"audio/alpha_11111111_audio.wav\""));
    assertTrue(page.contains("<td>pan_left</td>") || page.contains("</span>pan_left</dd>"));
    assertFalse(page.contains(out.toString()), "no absolute paths of the output folder");
    assertFalse(page.contains("<link") || page.contains("<script src"), "self-contained");
    // The threshold line sits at 27 on the score axis and the cuts path holds one move per cut.
    assertTrue(page.contains("<path class=\"cuts\" d=\"M180 0V160M500 0V160M800 0V160\">"), page);
    // transitions shade the score plot by type
    assertTrue(page.contains("<rect class=\"tr fade_in\" x=\"0\" width=\"24\" height=\"160\"><title>fade in 0\u201312</title></rect>"), page);
    assertTrue(page.contains("<span class=\"key tr dissolve\"></span>"));
    assertArrayEquals(Files.readAllBytes(html), ReportBuilder.render(out).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "same bytes on a rerun");
  }

  @Test
  void twoHourFilmStaysSmall(@TempDir Path out) throws Exception {
    // 2 h at 24 fps, a cut every 80 frames: 172,800 stats rows and camera samples, 2,160 scenes.
    long frames = 2L * 3600 * 24;
    long[] cuts = new long[(int) (frames / 80) - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (i + 1) * 80L;
    }
    new OutputFixture(out).video("film_44444444", 24.0, frames, 1920, 800, cuts, true, true, false).finish();
    String page = ReportBuilder.render(out);
    assertEquals(cuts.length + 1, count(page, "<article class=\"scene\""));
    assertEquals(3 * (cuts.length + 1), count(page, "loading=\"lazy\""));
    // No per-frame nodes: each polyline holds at most two points per pixel column.
    Matcher m = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(page);
    int polylines = 0;
    while (m.find()) {
      polylines++;
      int points = m.group(1).split(" ").length;
      assertTrue(points <= 2 * HtmlReport.COLUMNS, "points " + points);
      assertTrue(points >= HtmlReport.COLUMNS / 2, "points " + points);
    }
    assertEquals(4, polylines, "score, dx, dy, zoom");
    assertTrue(count(page, "<path ") < 20, "cuts and segments are one path each");
    assertTrue(page.length() < 4_000_000, "page size " + page.length());
  }

  @Test
  void emptyFolderGivesAnEmptyReportAndMissingFolderFails(@TempDir Path out) throws Exception {
    String page = ReportBuilder.render(out);
    assertTrue(page.contains("0 videos"));
    assertThrows(IOException.class, () -> ReportBuilder.write(out.resolve("nope")));
  }

  @Test
  void brokenSceneListIsReportedNotHidden(@TempDir Path out) throws Exception {
    Files.createDirectories(out.resolve("analysis/scenes"));
    Files.writeString(out.resolve("analysis/scenes/x_1_scenes.json"), "{\"video_id\": ");
    IOException e = assertThrows(IOException.class, () -> ReportBuilder.write(out));
    assertTrue(e.getMessage().contains("x_1_scenes.json"), e.getMessage());
    Files.writeString(out.resolve("analysis/scenes/.tmp-1234abcd-y_scenes.json"), "{");
    Files.delete(out.resolve("analysis/scenes/x_1_scenes.json"));
    assertNotNull(ReportBuilder.write(out), "temporary files are ignored");
  }

  @Test
  void decimatorKeepsSpikes() {
    long[] frames = new long[10_000];
    float[] values = new float[10_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = i;
      values[i] = i == 5_003 ? 99f : 1f;
    }
    float[][] cols = Decimator.minMax(frames, values, 10_000, 100);
    assertEquals(99f, cols[50][1]);
    assertEquals(1f, cols[50][0]);
    assertEquals(1f, cols[49][1]);
    assertEquals(99, Decimator.column(9_999, 10_000, 100));
    assertNull(Decimator.minMax(new long[] {0}, new float[] {1}, 10, 5)[3]);
  }

  @Test
  void timecodesAndEscaping() {
    assertEquals("01:02:03.457", HtmlReport.timecode(3723.4567));
    assertEquals("00:00:00.000", HtmlReport.timecode(0));
    assertEquals("a&amp;b&lt;&quot;&#39;", HtmlReport.esc("a&b<\"'"));
    assertEquals("frames/a%20b/%C3%A9.jpg", HtmlReport.url("frames/a b/é.jpg"));
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
