package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every detector at its defaults equals PySceneDetect 0.7.1 on every shared clip: the per-frame
 * metric of each (its stats file, row by row in decoded order) and the cuts (its decoded-frame
 * indices: where its nominal numbering differs, the goldens give both). Each clip is decoded once.
 */
class DetectorGoldensTest {
  private static final Path GOLDENS = Media.shared().resolve("media/pyscenedetect/goldens/psd-0.7.1");

  private record Metric(String column, boolean firstFrame, ToDoubleFunction<FrameSignal> value) {}

  private static Metric metric(Detector d, DetectorSettings s) {
    return switch (d) {
      case CONTENT -> new Metric("content_val", false, FrameSignal::contentVal);
      case ADAPTIVE -> new Metric(s.adaptiveRatioKey(), false, FrameSignal::adaptiveRatio);
      case HASH -> new Metric(s.hashKey(), false, FrameSignal::hashDist);
      case HISTOGRAM -> new Metric(s.histogramKey(), false, FrameSignal::histDiff);
      case THRESHOLD -> new Metric("average_rgb", true, FrameSignal::averageRgb);
    };
  }

  @Test
  void everyDetectorOnEveryClip() throws Exception {
    List<Path> clips;
    try (Stream<Path> files = Files.list(GOLDENS)) {
      clips = files.filter(p -> p.getFileName().toString().endsWith(".ContentDetector.json")).sorted().toList();
    }
    assertEquals(16, clips.size(), "golden clips");
    ObjectMapper json = new ObjectMapper();
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (Path contentGolden : clips) {
      String base = contentGolden.getFileName().toString().replace(".ContentDetector.json", "");
      String clip = json.readTree(contentGolden.toFile()).get("clip").asText();
      VideoInfo info = VideoProbe.probe(Media.clip(clip));
      List<SegmentSignals> parts = Media.decode(info, DetectorSettings.defaults(), 1e9, null);
      for (Detector d : Detector.values()) {
        DetectorSettings s = DetectorSettings.defaults().withDetector(d);
        SceneDetection det = SceneDetector.detect(parts, s);
        JsonNode golden = json.readTree(GOLDENS.resolve(base + "." + d.className() + ".json").toFile());
        List<Long> expected = new ArrayList<>();
        golden.get("cuts_decoded_index").forEach(n -> expected.add(n.asLong()));
        if (!expected.equals(det.cuts())) {
          failures.add(base + " " + d + " cuts " + det.cuts() + " expected " + expected);
        }
        compared += compareStats(base, d, s, det, failures);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    assertTrue(compared > 20_000, compared + " values compared");
  }

  /** Compares one detector's metric column with ours, row by row; returns the values compared. */
  private static int compareStats(
      String base, Detector d, DetectorSettings s, SceneDetection det, List<String> failures)
      throws Exception {
    List<String> lines = Files.readAllLines(GOLDENS.resolve(base + "." + d.className() + ".stats.csv"));
    Metric m = metric(d, s);
    int col = List.of(lines.get(0).split(",")).indexOf(m.column());
    assertTrue(col >= 0, base + " " + d + ": no column " + m.column() + " in " + lines.get(0));
    int first = m.firstFrame() ? 0 : 1;
    int rows = lines.size() - 1;
    if (rows != det.signals().size() - first) {
      failures.add(base + " " + d + ": " + rows + " stats rows for " + det.signals().size() + " frames");
      return 0;
    }
    int bad = 0;
    for (int r = 0; r < rows; r++) {
      String cell = lines.get(r + 1).split(",")[col];
      double want = cell.equals("None") ? Double.NaN : Double.parseDouble(cell);
      double got = m.value().applyAsDouble(det.signals().get(r + first));
      if (Double.compare(want, got) != 0 && bad++ < 3) {
        failures.add(base + " " + d + " frame " + (r + first) + ": " + got + " expected " + want);
      }
    }
    if (bad > 3) {
      failures.add(base + " " + d + ": " + bad + " values differ");
    }
    return rows;
  }
}
