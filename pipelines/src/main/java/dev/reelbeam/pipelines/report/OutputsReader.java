package dev.reelbeam.pipelines.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.pipelines.report.ReportData.Camera;
import dev.reelbeam.pipelines.report.ReportData.ErrorEntry;
import dev.reelbeam.pipelines.report.ReportData.KeyframeEntry;
import dev.reelbeam.pipelines.report.ReportData.Missing;
import dev.reelbeam.pipelines.report.ReportData.Run;
import dev.reelbeam.pipelines.report.ReportData.SceneEntry;
import dev.reelbeam.pipelines.report.ReportData.Segment;
import dev.reelbeam.pipelines.report.ReportData.Series;
import dev.reelbeam.pipelines.report.ReportData.Video;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a finished output folder into {@link ReportData}. The scene lists are required for a video
 * to appear; everything else (stats CSV, camera, composition, audio, exports, the index) is read
 * when present and left out when absent, so a report can be made after any stage. A file that
 * exists but cannot be parsed is an error: the report would otherwise hide a broken output.
 */
public final class OutputsReader {

  static final String SCENES_DIR = "analysis/scenes";
  static final String CAMERA_DIR = "analysis/camera";
  static final String COMPOSITION_DIR = "analysis/composition";
  static final String ERRORS_DIR = "errors";
  static final String SUBTITLES_DIR = "subtitles";

  /** One video of the output folder {@code root}, or null when it has no scene list. */
  public static Video video(Path root, String videoId) throws IOException {
    Path file = root.resolve(SCENES_DIR).resolve(videoId + "_scenes.json");
    return Files.isRegularFile(file) ? new OutputsReader(root).readVideo(file) : null;
  }

  /**
   * The cue lines of the subtitles JSON by scene, in time order; prefixed with the track when
   * the video has several text tracks. Read tolerantly: a missing or partial file gives what it has.
   */
  static Map<Integer, List<String>> subtitleLines(JsonNode subs) {
    record Line(double start, String text) {}
    Map<Integer, List<Line>> byScene = new java.util.TreeMap<>();
    List<JsonNode> text = new ArrayList<>();
    for (JsonNode t : subs == null ? List.<JsonNode>of() : subs.path("tracks")) {
      if (t.has("cues")) {
        text.add(t);
      }
    }
    for (JsonNode t : text) {
      String prefix = text.size() > 1 ? "[" + t.path("track").asText() + "] " : "";
      for (JsonNode c : t.path("cues")) {
        byScene.computeIfAbsent(c.path("scene").asInt(), k -> new ArrayList<>())
            .add(new Line(c.path("start").asDouble(), prefix + c.path("text").asText().replace('\n', ' ')));
      }
    }
    Map<Integer, List<String>> out = new java.util.TreeMap<>();
    byScene.forEach((scene, lines) -> out.put(scene, lines.stream()
        .sorted(java.util.Comparator.comparingDouble(Line::start)).map(Line::text).toList()));
    return out;
  }


  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path root;

  OutputsReader(Path root) {
    this.root = root;
  }

  Run read() throws IOException {
    JsonNode index = readJsonIfPresent(root.resolve("dataset_index.json"));
    List<Video> videos = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Path scenesDir = root.resolve(SCENES_DIR);
    for (Path file : list(scenesDir, "_scenes.json")) {
      Video v = readVideo(file);
      videos.add(v);
      seen.add(v.videoId());
    }
    List<Missing> missing = new ArrayList<>();
    if (index != null) {
      for (JsonNode entry : videoEntries(index)) {
        String id = text(entry, "video_id", "id");
        if (id != null && !seen.contains(id)) {
          missing.add(new Missing(id, text(entry, "video_path", "path", "input")));
          seen.add(id);
        }
      }
    }
    List<ErrorEntry> errors = new ArrayList<>();
    for (Path file : list(root.resolve(ERRORS_DIR), ".json")) {
      JsonNode e = readJson(file);
      errors.add(
          new ErrorEntry(
              ERRORS_DIR + "/" + file.getFileName(),
              text(e, "input"),
              text(e, "video_id"),
              text(e, "stage"),
              text(e, "exception"),
              text(e, "message")));
    }
    return new Run(
        index == null ? null : text(index, "film", "film_name", "name"),
        index == null ? null : text(index, "stage"),
        index == null ? null : text(index, "timestamp"),
        videos,
        missing,
        errors);
  }

  private Video readVideo(Path scenesFile) throws IOException {
    JsonNode s = readJson(scenesFile);
    String fileName = scenesFile.getFileName().toString();
    String id = text(s, "video_id");
    if (id == null) {
      id = fileName.substring(0, fileName.length() - "_scenes.json".length());
    }
    double fps = num(s, "fps");
    long frameCount = (long) num(s, "frame_count");
    double duration = num(s, "duration");
    if (!(fps > 0)) {
      throw new IOException(scenesFile + ": no fps");
    }
    if (Double.isNaN(duration)) {
      duration = frameCount / fps;
    }
    JsonNode res = s.get("resolution");
    int w = res != null && res.isArray() && res.size() == 2 ? res.get(0).asInt() : 0;
    int h = res != null && res.isArray() && res.size() == 2 ? res.get(1).asInt() : 0;
    JsonNode det = s.get("detector");
    String detector = det == null ? null : text(det, "name");
    // the plot is of content_val: only ContentDetector's threshold is on its scale
    double threshold =
        det == null || (detector != null && !detector.equals("ContentDetector"))
            ? Double.NaN
            : findNumber(det, "threshold");
    List<Segment> transitions = new ArrayList<>();
    for (JsonNode t : s.path("transitions")) {
      String type = t.path("type").asText("");
      if (!type.isEmpty() && !type.equals("cut")) {
        transitions.add(new Segment(type, t.path("start_frame").asLong(), t.path("end_frame").asLong()));
      }
    }
    JsonNode cutsNode = s.get("cuts");
    long[] cuts = new long[cutsNode == null ? 0 : cutsNode.size()];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = cutsNode.get(i).asLong();
    }

    Camera camera = null;
    Map<Integer, String> movements = Map.of();
    JsonNode cam = readJsonIfPresent(root.resolve(CAMERA_DIR).resolve(id + "_camera.json"));
    if (cam != null) {
      camera = CameraFile.track(cam, fps);
      movements = CameraFile.dominantPerScene(cam);
    }
    Map<Integer, Double> composition = Map.of();
    JsonNode comp = readJsonIfPresent(root.resolve(COMPOSITION_DIR).resolve(id + "_composition.json"));
    if (comp != null) {
      composition = CompositionFile.scorePerScene(comp);
    }

    Map<Integer, List<String>> subtitles = subtitleLines(
        readJsonIfPresent(root.resolve(SUBTITLES_DIR).resolve(id + "_subtitles.json")));
    List<SceneEntry> scenes = new ArrayList<>();
    JsonNode scenesNode = s.get("scenes");
    if (scenesNode != null) {
      for (JsonNode sc : scenesNode) {
        int sceneId = sc.path("scene_id").asInt(scenes.size() + 1);
        long start = sc.path("start_frame").asLong();
        long end = sc.path("end_frame").asLong();
        double startTime = sc.has("start_time") ? sc.get("start_time").asDouble() : start / fps;
        double endTime = sc.has("end_time") ? sc.get("end_time").asDouble() : end / fps;
        List<KeyframeEntry> keyframes = new ArrayList<>();
        for (JsonNode k : sc.path("keyframes")) {
          String path = text(k, "path");
          if (path != null) {
            keyframes.add(
                new KeyframeEntry(
                    k.path("position").asInt(keyframes.size()),
                    k.path("frame").asLong(),
                    k.path("time").asDouble(),
                    relative(path)));
          }
        }
        scenes.add(
            new SceneEntry(
                sceneId, start, end, startTime, endTime, keyframes,
                movements.get(sceneId), composition.getOrDefault(sceneId, Double.NaN),
                subtitles.getOrDefault(sceneId, List.of())));
      }
    }
    if (camera != null && camera.segments().isEmpty() && !movements.isEmpty()) {
      // No typed segments in the file: colour each scene by its dominant movement instead.
      List<Segment> perScene = new ArrayList<>();
      for (SceneEntry sc : scenes) {
        if (sc.movement() != null) {
          perScene.add(new Segment(sc.movement(), sc.startFrame(), sc.endFrame()));
        }
      }
      camera = new Camera(camera.frames(), camera.dx(), camera.dy(), camera.zoom(), perScene);
    }

    Path stats = scenesFile.resolveSibling(id + "_stats.csv");
    Series series = Files.isRegularFile(stats) ? readStats(stats) : null;
    String audio = null;
    String audioRel = "audio/" + id + "_audio.wav";
    if (Files.isRegularFile(root.resolve(audioRel))) {
      audio = audioRel;
    }
    List<String> exports = new ArrayList<>();
    for (String ext : List.of(".edl", ".otio")) {
      if (Files.isRegularFile(scenesFile.resolveSibling(id + ext))) {
        exports.add(SCENES_DIR + "/" + id + ext);
      }
    }
    return new Video(
        id, text(s, "video_path"), fps, frameCount, duration, w, h, detector, threshold, cuts,
        scenes, series, camera, audio, exports, List.copyOf(transitions));
  }

  /**
   * PySceneDetect's stats CSV: columns found by name, so their order does not matter. Its frame
   * numbers count from 1 (PySceneDetect's convention); the series holds 0-based frame indices, as
   * the scene list and the cuts do.
   */
  static Series readStats(Path csv) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        return new Series(new long[0], new float[0]);
      }
      String[] names = header.split(",", -1);
      int frameCol = -1;
      int valueCol = -1;
      for (int i = 0; i < names.length; i++) {
        String n = names[i].trim();
        if (n.equalsIgnoreCase("Frame Number")) {
          frameCol = i;
        } else if (n.equalsIgnoreCase("content_val")) {
          valueCol = i;
        }
      }
      if (frameCol < 0 || valueCol < 0) {
        throw new IOException(csv + ": no 'Frame Number' and 'content_val' columns in " + header);
      }
      long[] frames = new long[1024];
      float[] values = new float[1024];
      int n = 0;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (n == frames.length) {
          frames = java.util.Arrays.copyOf(frames, n * 2);
          values = java.util.Arrays.copyOf(values, n * 2);
        }
        try {
          frames[n] = Long.parseLong(f[frameCol].trim()) - 1;
          values[n] = Float.parseFloat(f[valueCol].trim());
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          throw new IOException(csv + ": bad row " + (n + 2) + ": " + line, e);
        }
        n++;
      }
      return new Series(java.util.Arrays.copyOf(frames, n), java.util.Arrays.copyOf(values, n));
    }
  }

  /** A path in an output file as a path relative to the output root, '/'-separated. */
  private String relative(String path) {
    String p = path.replace('\\', '/');
    Path asPath = Path.of(path);
    if (asPath.isAbsolute()) {
      Path abs = root.toAbsolutePath().normalize();
      Path norm = asPath.normalize();
      if (norm.startsWith(abs)) {
        p = abs.relativize(norm).toString().replace('\\', '/');
      }
    }
    return p;
  }

  private static Iterable<JsonNode> videoEntries(JsonNode index) {
    for (String key : List.of("videos", "entries", "results")) {
      JsonNode n = index.get(key);
      if (n != null && n.isArray()) {
        return n;
      }
      if (n != null && n.isObject()) {
        List<JsonNode> out = new ArrayList<>();
        n.fields().forEachRemaining(e -> out.add(e.getValue()));
        return out;
      }
    }
    return List.of();
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    TreeMap<String, Path> sorted = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            String name = f.getFileName().toString();
            if (name.endsWith(suffix) && !AtomicFiles.isTemporary(name) && Files.isRegularFile(f)) {
              sorted.put(name, f);
            }
          });
    }
    return new ArrayList<>(sorted.values());
  }

  private static JsonNode readJson(Path file) throws IOException {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readJsonIfPresent(Path file) throws IOException {
    return Files.isRegularFile(file) ? readJson(file) : null;
  }

  /** The first of {@code names} that is a non-null scalar in {@code node}, as text. */
  static String text(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode v = node.get(name);
      if (v != null && v.isValueNode() && !v.isNull()) {
        return v.asText();
      }
    }
    return null;
  }

  /** The first of {@code names} that is a number in {@code node}; NaN when none is. */
  static double num(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode v = node.get(name);
      if (v != null && v.isNumber()) {
        return v.asDouble();
      }
    }
    return Double.NaN;
  }

  /** A number field named {@code name} anywhere under {@code node} (depth first); NaN when none. */
  static double findNumber(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v != null && v.isNumber()) {
      return v.asDouble();
    }
    for (JsonNode child : node) {
      if (child.isContainerNode()) {
        double d = findNumber(child, name);
        if (!Double.isNaN(d)) {
          return d;
        }
      }
    }
    return Double.NaN;
  }

  /** Counts per key, for {@link CompositionFile}. */
  static <K> void add(Map<K, double[]> sums, K key, double value) {
    double[] s = sums.computeIfAbsent(key, k -> new double[2]);
    s[0] += value;
    s[1] += 1;
  }

  static <K> Map<K, Double> means(Map<K, double[]> sums) {
    Map<K, Double> out = new HashMap<>();
    sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
    return out;
  }
}
