package dev.reelbeam.pipelines.report;

import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds {@code report.html} at the root of an output folder from the files the pipeline wrote
 * there: scene lists, stats CSVs, keyframes, camera and composition analyses, audio, editor
 * exports, the dataset index and the error records. One call, after the pipeline has finished:
 *
 * <pre>{@code
 * Path html = ReportBuilder.write(Path.of(options.getOutput()));
 * }</pre>
 *
 * <p>The page is self-contained (inline CSS and script) and refers to images and records by
 * relative paths, so the folder can be copied or served as it is. It is written atomically and
 * depends only on the folder's contents.
 */
public final class ReportBuilder {

  /** The report's file name at the output root. */
  public static final String FILE_NAME = "report.html";

  private ReportBuilder() {}

  /**
   * Reads the outputs under {@code outputRoot} and writes {@code outputRoot/report.html}.
   *
   * @return the report's path
   * @throws IOException when the folder does not exist, an output file cannot be parsed, or the
   *     report cannot be written
   */
  public static Path write(Path outputRoot) throws IOException {
    String html = render(outputRoot);
    Path target = outputRoot.resolve(FILE_NAME);
    AtomicFiles.write(target, html.getBytes(StandardCharsets.UTF_8));
    return target;
  }

  /** The report's HTML for the outputs under {@code outputRoot}, without writing it. */
  public static String render(Path outputRoot) throws IOException {
    if (!Files.isDirectory(outputRoot)) {
      throw new IOException("no output folder " + outputRoot);
    }
    return HtmlReport.render(new OutputsReader(outputRoot).read());
  }
}
