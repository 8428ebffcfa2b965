package dev.reelbeam.pipelines.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Annotated cuts per clip, read from a JSON file: {@code {"clips": [{"file": "a.mp4", "cuts": [30,
 * 76]}, ...]}}, cuts being 0-based decoded-frame indices of each new shot's first frame, files
 * relative to the input folder. The shared media's {@code ground_truth.json} reads too: a clip
 * without {@code cuts} of its own takes them from its {@code ground_truth} entries
 * ({@code cuts_decoded_index}, else {@code cuts}), an entry of kind {@code verified_by_inspection}
 * first; a clip with no cut list anywhere is left out.
 */
public final class GroundTruth {
  private GroundTruth() {}

  /** One annotated clip. */
  public record Clip(String file, List<Long> cuts) {}

  public static List<Clip> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode clips = root.path("clips");
    if (!clips.isArray()) {
      throw new IOException(file + ": no \"clips\" array");
    }
    List<Clip> out = new ArrayList<>();
    for (JsonNode c : clips) {
      String name = c.path("file").asText("");
      if (name.isEmpty()) {
        throw new IOException(file + ": a clip without \"file\"");
      }
      JsonNode cuts = c.has("cuts") ? c.get("cuts") : fromEntries(c.path("ground_truth"));
      if (cuts == null || !cuts.isArray()) {
        continue;
      }
      List<Long> list = new ArrayList<>();
      cuts.forEach(n -> list.add(n.asLong()));
      out.add(new Clip(name, List.copyOf(list)));
    }
    return out;
  }

  private static JsonNode fromEntries(JsonNode entries) {
    JsonNode any = null;
    for (JsonNode e : entries) {
      JsonNode cuts = e.path("cuts_decoded_index").isArray() ? e.get("cuts_decoded_index") : e.get("cuts");
      if (cuts != null && cuts.isArray()) {
        if (e.path("kind").asText().equals("verified_by_inspection")) {
          return cuts;
        }
        if (any == null) {
          any = cuts;
        }
      }
    }
    return any;
  }
}
