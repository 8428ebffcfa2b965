package dev.reelbeam.pipelines.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import dev.reelbeam.io.files.OutputStore;
import java.time.Instant;
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

  /** The error records the pipeline wrote under errors/ of {@code out}, each logged in full. */
  static List<Map<String, Object>> read(OutputStore out, RunLog log) {
    List<Map<String, Object>> failed = new ArrayList<>();
    List<String> files;
    try {
      files = out.list("errors", "*.json");
    } catch (IOException e) {
      log.error("cannot list " + out.location("errors"), e);
      return failed;
    }
    for (String name : files) {
      if (AtomicFiles.isTemporary(name)) {
        continue;
      }
      String f = "errors/" + name;
      try {
        JsonNode n = JSON.readTree(out.read(f));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("input", text(n, "input"));
        e.put("stage", text(n, "stage"));
        // The one spelling WriteErrors writes (WriteErrors.toJson).
        e.put("exception_class", text(n, "exception"));
        e.put("message", text(n, "message"));
        e.put("record", f);
        // When it failed: the record was written then (the file itself keeps rerun-identical bytes).
        long written = out.lastModifiedMillis(f);
        e.put("time", written > 0 ? Instant.ofEpochMilli(written).toString() : null);
        failed.add(e);
        log.error("input failed: " + name + ": " + n, null);
      } catch (IOException e) {
        log.error("cannot read error record " + out.location(f), e);
      }
    }
    return failed;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

}
