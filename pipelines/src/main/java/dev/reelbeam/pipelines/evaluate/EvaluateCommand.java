package dev.reelbeam.pipelines.evaluate;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.pipelines.Command;
import dev.reelbeam.pipelines.CommandLine;
import dev.reelbeam.pipelines.DetectorFlags;
import dev.reelbeam.pipelines.ReelBeamOptions;
import dev.reelbeam.pipelines.ReelBeamPipeline;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import dev.reelbeam.transforms.scenes.SceneDetector;
import dev.reelbeam.transforms.scenes.SegmentAnalyzer;
import dev.reelbeam.transforms.scenes.SegmentPlanner;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code evaluate --groundTruth=FILE [--input=DIR] [--detector=...] [--tolerance=N]}: runs the
 * chosen detector on every annotated clip and prints precision, recall and F1 per video and over
 * all of them (PySceneDetect's benchmark scoring, {@link CutMatching}), so a user can choose a
 * detector and its parameters for their own films from a few annotated clips. Every detector flag
 * of {@code run} applies.
 */
public final class EvaluateCommand implements Command {
  private final PrintStream stdout;
  private final PrintStream stderr;

  public EvaluateCommand() {
    this(System.out, System.err);
  }

  EvaluateCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String summary() {
    return "Score a detector's cuts against annotated clips: precision, recall and F1 per video and overall.";
  }

  @Override
  public int run(String[] args) throws Exception {
    String truthFile = null;
    int tolerance = 1;
    List<String> detectorArgs = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        stdout.println(usage());
        return OK;
      } else if (arg.startsWith("--groundTruth=")) {
        truthFile = arg.substring("--groundTruth=".length());
      } else if (arg.startsWith("--tolerance=")) {
        try {
          tolerance = Integer.parseInt(arg.substring("--tolerance=".length()));
        } catch (NumberFormatException e) {
          tolerance = -1;
        }
        if (tolerance < 0) {
          stderr.println("evaluate: --tolerance must be 0 or more frames, not " + arg.substring(12));
          return CANNOT_START;
        }
      } else {
        detectorArgs.add(arg);
      }
    }
    if (truthFile == null || !Files.isRegularFile(Path.of(truthFile))) {
      stderr.println("evaluate: --groundTruth=FILE is required and must be a file (see evaluate --help)");
      return CANNOT_START;
    }
    ReelBeamOptions o;
    DetectorSettings settings;
    try {
      o = PipelineOptionsFactory.fromArgs(detectorArgs.toArray(new String[0])).as(ReelBeamOptions.class);
      DetectorFlags.check(o);
      settings = ReelBeamPipeline.detectorSettings(o);
    } catch (IllegalArgumentException | CommandLine.BadArguments e) {
      stderr.println("evaluate: " + e.getMessage().lines().findFirst().orElse(""));
      return CANNOT_START;
    }
    Path truth = Path.of(truthFile);
    Path input = o.getInput() != null ? Path.of(o.getInput()) : truth.toAbsolutePath().getParent();
    List<GroundTruth.Clip> clips = GroundTruth.read(truth);
    stdout.printf(Locale.ROOT, "%s, tolerance %d frames%n", settings.detector().className(), tolerance);
    stdout.printf(Locale.ROOT, "%-48s %5s %5s %5s %9s %6s %6s%n",
        "video", "truth", "found", "match", "precision", "recall", "F1");
    CutMatching.Score total = new CutMatching.Score(0, 0, 0);
    CutMatching.Score gradualTotal = new CutMatching.Score(0, 0, 0);
    Map<String, CutMatching.Score> gradual = new LinkedHashMap<>();
    int failed = 0;
    for (GroundTruth.Clip c : clips) {
      Path video = input.resolve(c.file());
      try {
        SceneDetection d = detect(video, settings);
        CutMatching.Score s = CutMatching.score(c.cuts(), d.cuts(), tolerance);
        total = total.plus(s);
        print(c.file(), s);
        if (c.transitions() != null) {
          CutMatching.Score g = SpanMatching.score(c.transitions(), gradual(d));
          gradual.put(c.file(), g);
          gradualTotal = gradualTotal.plus(g);
        }
      } catch (Exception e) {
        failed++;
        stderr.println("evaluate: " + video + ": " + e.getMessage());
      }
    }
    print("overall", total);
    if (!gradual.isEmpty()) {
      stdout.printf(Locale.ROOT, "%nGradual transitions (fades, dissolves), matched by overlap%n");
      gradual.forEach(this::print);
      print("overall", gradualTotal);
    }
    return failed == 0 ? OK : SOME_FAILED;
  }

  /** The detection's fades and dissolves (its flashes and cuts are not gradual). */
  static List<SpanMatching.Span> gradual(SceneDetection d) {
    List<SpanMatching.Span> out = new ArrayList<>();
    for (Transition t : d.transitions()) {
      if (t.type() == Transition.Type.FADE_OUT || t.type() == Transition.Type.FADE_IN
          || t.type() == Transition.Type.DISSOLVE) {
        out.add(new SpanMatching.Span(t.startFrame(), t.endFrame()));
      }
    }
    return out;
  }

  private void print(String name, CutMatching.Score s) {
    stdout.printf(Locale.ROOT, "%-48s %5d %5d %5d %9.3f %6.3f %6.3f%n",
        name, s.truth(), s.detected(), s.matched(), s.precision(), s.recall(), s.f1());
  }

  /** One video's cuts and transitions: the decode pass and the detector, as the pipeline runs them. */
  static SceneDetection detect(Path video, DetectorSettings settings) throws Exception {
    VideoInfo info = VideoProbe.probe(video.toString());
    SegmentAnalyzer analyzer =
        new SegmentAnalyzer(0, settings.downscaleTarget(), settings.weightEdges() != 0, null)
            .withMetricSettings(settings);
    List<SegmentSignals> parts = new ArrayList<>();
    for (var segment : SegmentPlanner.plan(info, Double.POSITIVE_INFINITY)) {
      parts.add(analyzer.analyze(segment));
    }
    return SceneDetector.detect(parts, settings);
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: java -jar reelbeam.jar evaluate --groundTruth=FILE [--input=DIR] [--tolerance=N]",
        "                                        [--detector=D and its flags, as for run]",
        "",
        "Runs the detector on every clip of FILE and prints, per video and over all of them, the",
        "annotated cuts, the cuts found, those matched (one to one, closest first, at most N frames",
        "apart), precision, recall and F1. FILE: {\"clips\": [{\"file\": \"a.mp4\", \"cuts\": [30, 76]}]},",
        "cuts as 0-based decoded-frame indices of each new shot's first frame, files relative to",
        "--input (default: FILE's folder); see src/site/markdown/analysis.md. A clip may list its",
        "fades and dissolves, \"transitions\": [{\"start\": 100, \"end\": 124}] (end exclusive): they are",
        "scored too, a detected fade or dissolve matching one it overlaps (one to one, most overlap first).",
        "",
        "  --groundTruth=FILE  the annotations (required)",
        "  --input=DIR         where the clips are (default: FILE's folder)",
        "  --tolerance=N       frames a cut may be off and still match (default 1)",
        "  --detector=D        content (default), adaptive, hash, histogram, threshold; with",
        "                      --threshold, --minSceneLen and every detector parameter of run");
  }
}
