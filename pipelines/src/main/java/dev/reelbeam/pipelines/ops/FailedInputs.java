package dev.reelbeam.pipelines.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs a run failed on, read back from the error records under {@code errors/} (the one
 * spelling {@code WriteErrors} writes) for {@code execution_metadata.json}'s {@code failed_inputs}
 * and the console.
 */
final class FailedInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FailedInputs() {}

  /** The error records the pipeline wrote under errors/, each logged in full. */
  static List<Map<String, Object>> read(Path out, RunLog log) {
    List<Map<String, Object>> failed = new ArrayList<>();
    Path dir = out.resolve("errors");
    if (!Files.isDirectory(dir)) {
      return failed;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      ds.forEach(files::add);
    } catch (IOException e) {
      log.error("cannot list " + dir, e);
      return failed;
    }
    files.sort(null);
    for (Path f : files) {
      if (AtomicFiles.isTemporary(f.getFileName().toString())) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(f.toFile());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("input", text(n, "input"));
        e.put("stage", text(n, "stage"));
        // The one spelling WriteErrors writes (WriteErrors.toJson).
        e.put("exception_class", text(n, "exception"));
        e.put("message", text(n, "message"));
        e.put("record", out.relativize(f).toString());
        // When it failed: the record was written then (the file itself keeps rerun-identical bytes).
        e.put("time", Files.getLastModifiedTime(f).toInstant().truncatedTo(ChronoUnit.MILLIS).toString());
        failed.add(e);
        log.error("input failed: " + f.getFileName() + ": " + n, null);
      } catch (IOException e) {
        log.error("cannot read error record " + f, e);
      }
    }
    return failed;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

}
