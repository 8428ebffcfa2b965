package dev.reelbeam.pipelines.report;

import dev.reelbeam.pipelines.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code report --output=DIR}: writes {@code DIR/report.html} from the outputs already there,
 * without running the pipeline.
 */
public final class ReportCommand implements Command {

  private final PrintStream stdout;
  private final PrintStream stderr;

  public ReportCommand() {
    this(System.out, System.err);
  }

  ReportCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "Write report.html (scenes, content score, camera motion, errors) from existing outputs.";
  }

  @Override
  public int run(String[] args) {
    String output = null;
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        stdout.println(usage());
        return OK;
      } else if (arg.startsWith("--output=")) {
        output = arg.substring("--output=".length());
      } else {
        stderr.println("report: unknown argument " + arg + " (see report --help)");
        return CANNOT_START;
      }
    }
    if (output == null || output.isBlank()) {
      stderr.println("report: --output=DIR is required (the folder a run wrote)");
      return CANNOT_START;
    }
    Path root = Path.of(output);
    if (!Files.isDirectory(root)) {
      stderr.println("report: output folder " + root + " does not exist");
      return CANNOT_START;
    }
    try {
      Path html = ReportBuilder.write(root);
      stdout.println("report: wrote " + html);
      return OK;
    } catch (IOException e) {
      stderr.println("report: " + e.getMessage());
      return CANNOT_START;
    }
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: java -jar reelbeam.jar report --output=DIR",
        "",
        "Writes DIR/report.html from the outputs of an earlier run: per video a strip of every",
        "scene's keyframes, the per-frame content score with the threshold and the cuts, the camera",
        "motion track, and a summary of videos, audio, exports and errors. The page is",
        "self-contained; images are linked relatively, so the folder can be copied.",
        "",
        "  --output=DIR   the output folder of a run (required)",
        "  --help         this text");
  }
}
