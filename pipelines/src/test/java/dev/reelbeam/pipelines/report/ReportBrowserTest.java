package dev.reelbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in a real browser (Debian's headless chromium; CI installs it with apt-get):
 * the scripts run without error, the DOM holds every scene, and the page does not render blank.
 */
class ReportBrowserTest {

  @Test
  void reportOpensInChromium(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Chromium.available(),
        "chromium not installed (/usr/bin/chromium): apt-get install -y chromium to run this test");
    Path out = dir.resolve("out");
    new OutputFixture(out)
        .video("alpha_11111111", 25.0, 600, 1280, 720, new long[] {90, 250, 400}, true, true, true)
        .video("beta_22222222", 30000 / 1001.0, 300, 640, 360, new long[] {120}, false, false, true)
        .failed("broken_33333333", "probe", "not a video")
        .finish();
    Path html = ReportBuilder.write(out);

    String dom = Chromium.dumpDom(html, dir);
    assertEquals(6, ReportBuilderTest.count(dom, "<article class=\"scene\""), "scenes in the DOM");
    assertEquals(18, ReportBuilderTest.count(dom, "<img "));
    // The script ran: it adds a read-out to each of the three plots.
    assertEquals(3, ReportBuilderTest.count(dom, "class=\"readout\""), "script ran");

    Path png = Chromium.screenshot(html, dir.resolve("report.png"), 1280, 1400, dir);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1280, img.getWidth());
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          nonWhite++;
        }
      }
    }
    long samples = (long) (img.getWidth() / 2) * (img.getHeight() / 2);
    assertTrue(colours.size() > 200, "distinct colours " + colours.size());
    assertTrue(nonWhite > samples / 10, "non-white " + nonWhite + " of " + samples);
  }
}
