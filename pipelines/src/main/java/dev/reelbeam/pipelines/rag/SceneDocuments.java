package dev.reelbeam.pipelines.rag;

import dev.reelbeam.transforms.coders.DocumentCoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.Section;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.io.files.TempFolders;
import dev.reelbeam.pipelines.report.OutputsReader;
import dev.reelbeam.pipelines.report.ReportData;
import dev.reelbeam.transforms.outputs.Timecodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * A finished video's scenes as knowledge-base documents, read from its outputs: one {@code scene}
 * document per scene (times, transition in and out, camera movement, composition score, keyframe
 * paths and the subtitle lines inside it), and one {@code subtitle} document per text track and scene holding that
 * scene's cues, so a subtitle chunk never crosses a scene boundary and always has a time range.
 * Each document's metadata carries {@code type}, {@code video_id}, {@code scene_id},
 * {@code start_time}, {@code end_time}, {@code transition_in}, {@code transition_out} and
 * {@code keyframes} (a JSON array), which every chunk
 * and every query hit carries on. Input: video ids whose outputs are written; a video without a
 * scene list gives no documents.
 */
public final class SceneDocuments extends PTransform<PCollection<String>, PCollection<Document>> {
  /** The {@code type} of a scene record, a scene's subtitles, and a side document. */
  public static final String SCENE = "scene";

  public static final String SUBTITLE = "subtitle";
  public static final String DOCUMENT = "document";

  private final String outputRoot;

  private SceneDocuments(String outputRoot) {
    this.outputRoot = outputRoot;
  }

  public static SceneDocuments from(String outputRoot) {
    if (outputRoot == null || outputRoot.isBlank()) {
      throw new IllegalArgumentException("output root must be given");
    }
    return new SceneDocuments(outputRoot);
  }

  /** The ids of the videos with a scene list under {@code outputRoot} (a path or a URI), sorted. */
  public static List<String> videoIds(String outputRoot) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String name : OutputStore.at(outputRoot).list("analysis/scenes", "*_scenes.json")) {
      ids.add(name.substring(0, name.length() - "_scenes.json".length()));
    }
    return ids;
  }

  /** The files of one video that its documents are made of (the others are not read). */
  private static List<String> sourceFiles(String videoId) {
    return List.of("analysis/scenes/" + videoId + "_scenes.json",
        "analysis/camera/" + videoId + "_camera.json", "analysis/composition/" + videoId + "_composition.json",
        "subtitles/" + videoId + "_subtitles.json");
  }

  @Override
  public void populateDisplayData(org.apache.beam.sdk.transforms.display.DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(outputRoot));
  }

  @Override
  public PCollection<Document> expand(PCollection<String> videoIds) {
    return videoIds.apply("Scene records", ParDo.of(new ScenesFn(outputRoot)))
        .setCoder(DocumentCoder.of());
  }

  static final class ScenesFn extends DoFn<String, Document> {
    private final String root;

    ScenesFn(String root) {
      this.root = root;
    }

    @ProcessElement
    public void process(@Element String videoId, OutputReceiver<Document> out) throws IOException {
      OutputStore store = OutputStore.at(root);
      if (store.isLocal()) {
        documents(Path.of(root), videoId).forEach(out::output);
        return;
      }
      // A remote output: the video's few small files copied into a local root, read as a local one.
      Path local = Files.createTempDirectory("reelbeam-scenes-");
      try {
        for (String rel : sourceFiles(videoId)) {
          if (store.isFile(rel)) {
            Path f = local.resolve(rel);
            Files.createDirectories(f.getParent());
            Files.write(f, store.read(rel));
          }
        }
        documents(local, videoId).forEach(out::output);
      } finally {
        TempFolders.deleteTree(local);
      }
    }
  }

  /** The documents of one video (none when it has no scene list). */
  static List<Document> documents(Path root, String videoId) throws IOException {
    ReportData.Video v = OutputsReader.video(root, videoId);
    if (v == null) {
      return List.of();
    }
    Map<String, Map<Integer, List<String>>> tracks = trackLines(root, videoId);
    List<Document> docs = new ArrayList<>();
    for (ReportData.SceneEntry s : v.scenes()) {
      String scene = String.format(Locale.ROOT, "scene%04d", s.sceneId());
      Map<String, String> meta = new TreeMap<>();
      meta.put("video_id", videoId);
      meta.put("scene_id", Integer.toString(s.sceneId()));
      meta.put("start_time", seconds(s.startTime()));
      meta.put("end_time", seconds(s.endTime()));
      ArrayNode keyframes = RagJson.LINE.createArrayNode();
      s.keyframes().forEach(k -> keyframes.add(k.path()));
      meta.put("keyframes", keyframes.toString());
      String in = SceneTransitions.in(v.transitions(), s.startFrame(), s.endFrame());
      String out = SceneTransitions.out(v.transitions(), s.startFrame(), s.endFrame(), v.frameCount());
      meta.put("transition_in", in);
      meta.put("transition_out", out);
      String from = Timecodes.timecode(s.startTime());
      String to = Timecodes.timecode(s.endTime());
      String title = videoId + " scene " + s.sceneId() + " (" + from + " - " + to + ")";

      StringBuilder text = new StringBuilder();
      text.append("Scene ").append(s.sceneId()).append(" of ").append(videoId).append(", from ")
          .append(from).append(" to ").append(to)
          .append(String.format(Locale.ROOT, " (%.1f s).", s.endTime() - s.startTime()))
          .append(" In: ").append(SceneTransitions.words(in))
          .append("; out: ").append(SceneTransitions.words(out)).append('.');
      if (s.movement() != null) {
        text.append(" Camera: ").append(s.movement().replace('_', ' ')).append('.');
        meta.put("camera_movement", s.movement());
      }
      if (!Double.isNaN(s.composition())) {
        text.append(String.format(Locale.ROOT, " Composition score %.2f.", s.composition()));
        meta.put("composition_score", String.format(Locale.ROOT, "%.4f", s.composition()));
      }
      if (!s.subtitles().isEmpty()) {
        text.append("\n\n").append(String.join("\n", s.subtitles()));
      }
      Map<String, String> sceneMeta = new TreeMap<>(meta);
      sceneMeta.put("type", SCENE);
      docs.add(document("scenes/" + videoId + "/" + scene, videoId + "." + scene, title, sceneMeta,
          text.toString()));

      for (Map.Entry<String, Map<Integer, List<String>>> t : tracks.entrySet()) {
        List<String> lines = t.getValue().getOrDefault(s.sceneId(), List.of());
        if (lines.isEmpty()) {
          continue;
        }
        Map<String, String> subMeta = new TreeMap<>(meta);
        subMeta.put("type", SUBTITLE);
        subMeta.put("track", t.getKey());
        docs.add(document("subtitles/" + videoId + "/" + t.getKey() + "/" + scene,
            videoId + "." + t.getKey() + "." + scene, title + " subtitles " + t.getKey(), subMeta,
            String.join("\n", lines)));
      }
    }
    return docs;
  }

  /** Per text track (in file order): its cue texts by scene, in time order. */
  private static Map<String, Map<Integer, List<String>>> trackLines(Path root, String videoId)
      throws IOException {
    Map<String, Map<Integer, List<String>>> out = new LinkedHashMap<>();
    Path file = root.resolve("subtitles").resolve(videoId + "_subtitles.json");
    if (!Files.isRegularFile(file)) {
      return out;
    }
    JsonNode subs = RagJson.MAPPER.readTree(file.toFile());
    for (JsonNode t : subs.path("tracks")) {
      if (!t.has("cues")) {
        continue;
      }
      Map<Integer, List<String>> byScene = new TreeMap<>();
      // Cues are in time order in the file.
      for (JsonNode c : t.path("cues")) {
        byScene.computeIfAbsent(c.path("scene").asInt(), k -> new ArrayList<>())
            .add(c.path("text").asText().replace('\n', ' '));
      }
      out.put(t.path("track").asText(), byScene);
    }
    return out;
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  private static Document document(String path, String docId, String title, Map<String, String> meta,
      String text) {
    String normalized = text.strip();
    // The hash covers everything the chunks are made of: an unchanged scene is reused on a rerun.
    String sha256 = Sha256.of(title + "\n" + meta + "\n" + normalized);
    byte[] bytes = normalized.getBytes(StandardCharsets.UTF_8);
    return new Document(path, docId, meta.get("type"), title, meta,
        List.of(new Section(List.of(), normalized)), sha256, bytes.length);
  }
}
