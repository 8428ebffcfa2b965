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
 * first; a clip with no cut list anywhere is left out. A clip may also list its gradual
 * transitions, {@code "transitions": [{"start": 100, "end": 124}]} (frames, end exclusive), scored
 * by overlap ({@link SpanMatching}).
 */
public final class GroundTruth {
  private GroundTruth() {}

  /**
   * One annotated clip: its cuts, and its gradual transitions when annotated ({@code null} when
   * the clip has no {@code transitions} list: they are then not scored).
   */
  public record Clip(String file, List<Long> cuts, List<SpanMatching.Span> transitions) {
    public Clip(String file, List<Long> cuts) {
      this(file, cuts, null);
    }
  }

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
      out.add(new Clip(name, List.copyOf(list), transitions(file, c.get("transitions"))));
    }
    return out;
  }

  /** {@code [{"start": 100, "end": 124}, ...]}: frames, end exclusive (as the scenes JSON's). */
  private static List<SpanMatching.Span> transitions(Path file, JsonNode list) throws IOException {
    if (list == null) {
      return null;
    }
    if (!list.isArray()) {
      throw new IOException(file + ": \"transitions\" must be an array");
    }
    List<SpanMatching.Span> out = new ArrayList<>();
    for (JsonNode t : list) {
      long start = t.path("start").asLong(-1);
      long end = t.path("end").asLong(-1);
      if (start < 0 || end <= start) {
        throw new IOException(file + ": a transition needs 0 <= start < end, got " + t);
      }
      out.add(new SpanMatching.Span(start, end));
    }
    return List.copyOf(out);
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
