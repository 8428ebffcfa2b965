package dev.reelbeam.transforms.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.subtitles.SidecarFiles;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.OutputStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-video manifest {@code manifests/<id>.json}: the input's fingerprint, the parameters and
 * version that produced the outputs, and every branch's files. It is written last, only when every
 * expected branch has finished, so its presence means the video is complete; {@code --resume} skips
 * a video whose manifest {@link #matches} the input, parameters and version and whose files exist.
 */
public final class VideoManifest {
  private VideoManifest() {}

  /** The manifest of a finished video. No timestamps: a rerun writes the same bytes. */
  public static byte[] render(
      String videoId,
      String input,
      String fingerprint,
      String version,
      SortedMap<String, String> parameters,
      Map<String, OutputPart> partsByBranch) {
    ObjectNode root = Json.object();
    root.put("video_id", videoId);
    root.put("input", input);
    root.put("fingerprint", fingerprint);
    root.put("version", version);
    ObjectNode params = root.putObject("parameters");
    parameters.forEach(params::put);
    ObjectNode branches = root.putObject("branches");
    TreeSet<String> all = new TreeSet<>();
    new TreeMap<>(partsByBranch)
        .forEach(
            (name, part) -> {
              ObjectNode b = branches.putObject(name);
              b.put("items", part.items());
              b.put("note", part.note());
              ArrayNode files = b.putArray("files");
              part.files().forEach(files::add);
              all.addAll(part.files());
            });
    ArrayNode outputs = root.putArray("outputs");
    all.forEach(outputs::add);
    return Json.bytes(root);
  }

  /**
   * The skipped-video entry when {@code input}'s manifest under {@code outputRoot} matches its
   * current fingerprint, {@code parameters} and {@code version}, records at least the
   * {@code branches} this run needs, and every listed file exists; empty when the video must be
   * (re)done.
   */
  public static Optional<VideoEntry> matches(
      String outputRoot,
      String videoId,
      String input,
      SortedMap<String, String> parameters,
      java.util.Set<String> branches,
      String version) {
    OutputStore root = OutputStore.at(outputRoot);
    String file = OutputLayout.manifest(videoId);
    try {
      if (!root.isFile(file)) {
        return Optional.empty();
      }
      JsonNode m = Json.mapper().readTree(root.read(file));
      if (!version.equals(m.path("version").asText())
          || !input.equals(m.path("input").asText())
          || !(Fingerprint.of(input) + SidecarFiles.fingerprint(input)).equals(m.path("fingerprint").asText())) {
        return Optional.empty();
      }
      SortedMap<String, String> recorded = new TreeMap<>();
      m.path("parameters").fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asText()));
      if (!recorded.equals(parameters)) {
        return Optional.empty();
      }
      for (String b : branches) {
        if (!m.path("branches").has(b)) {
          return Optional.empty();
        }
      }
      for (JsonNode out : m.path("outputs")) {
        if (!root.isFile(out.asText())) {
          return Optional.empty();
        }
      }
      List<OutputPart> parts = new ArrayList<>();
      m.path("branches")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> files = new ArrayList<>();
                e.getValue().path("files").forEach(f -> files.add(f.asText()));
                parts.add(
                    new OutputPart(
                        videoId,
                        e.getKey(),
                        files,
                        e.getValue().path("items").asLong(),
                        e.getValue().path("note").asText()));
              });
      return Optional.of(new VideoEntry(videoId, input, VideoEntry.SKIPPED, parts, List.of()));
    } catch (IOException | RuntimeException e) {
      // An unreadable or foreign manifest is no proof of completion: redo the video.
      return Optional.empty();
    }
  }
}
