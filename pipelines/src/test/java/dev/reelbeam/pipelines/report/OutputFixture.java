package dev.reelbeam.pipelines.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes an output folder by hand in the schemas of issues 2 and 3, for the report tests: scene
 * lists with keyframes (real JPEGs), stats CSVs, camera and composition analyses, an audio file,
 * editor exports, the dataset index and error records.
 */
final class OutputFixture {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path root;
  private final ObjectNode index = MAPPER.createObjectNode();
  private final ArrayNode indexVideos;

  OutputFixture(Path root) {
    this.root = root;
    index.put("stage", "run");
    index.put("timestamp", "2026-11-29T12:00:00Z");
    index.put("film_name", "fixture");
    indexVideos = index.putArray("videos");
  }

  /**
   * A video with {@code cuts}, 3 keyframes per scene, a stats CSV whose content value crosses the
   * threshold at every cut, and optionally camera, composition and audio files.
   */
  OutputFixture video(
      String id, double fps, long frameCount, int width, int height, long[] cuts,
      boolean analyses, boolean audio, boolean images) throws IOException {
    ObjectNode s = MAPPER.createObjectNode();
    s.put("video_path", "/media/" + id + ".mp4");
    s.put("video_id", id);
    s.put("fps", fps);
    s.put("frame_count", frameCount);
    s.put("duration", frameCount / fps);
    s.putArray("resolution").add(width).add(height);
    ObjectNode det = s.putObject("detector");
    det.put("name", "ContentDetector");
    det.put("threshold", 27.0);
    det.put("min_scene_len", 15);
    ArrayNode cutArray = s.putArray("cuts");
    for (long c : cuts) {
      cutArray.add(c);
    }
    ArrayNode transitions = s.putArray("transitions"); // a fade-in from black, then the cuts
    transitions.addObject().put("type", "fade_in").put("start_frame", 0).put("end_frame", 12);
    for (long c : cuts) {
      transitions.addObject().put("type", "cut").put("start_frame", c).put("end_frame", c);
    }
    ArrayNode scenes = s.putArray("scenes");
    long[] bounds = new long[cuts.length + 2];
    System.arraycopy(cuts, 0, bounds, 1, cuts.length);
    bounds[bounds.length - 1] = frameCount;
    for (int i = 0; i + 1 < bounds.length; i++) {
      long start = bounds[i];
      long end = bounds[i + 1];
      ObjectNode sc = scenes.addObject();
      sc.put("scene_id", i + 1);
      sc.put("start_frame", start);
      sc.put("end_frame", end);
      sc.put("start_time", start / fps);
      sc.put("end_time", end / fps);
      ArrayNode kf = sc.putArray("keyframes");
      long[] picks = {start + 1 < end ? start + 1 : start, (start + end) / 2, Math.max(start, end - 2)};
      for (int p = 0; p < 3; p++) {
        String name = String.format("scene%04d_pos%d_frame%06d_t%.2fs.jpg", i + 1, p, picks[p], picks[p] / fps);
        String rel = "frames/" + id + "/" + name;
        ObjectNode k = kf.addObject();
        k.put("position", p);
        k.put("frame", picks[p]);
        k.put("time", picks[p] / fps);
        k.put("path", rel);
        if (images) {
          jpeg(root.resolve(rel), i, p);
        }
      }
    }
    write("analysis/scenes/" + id + "_scenes.json", s);
    stats(id, fps, frameCount, cuts);
    if (analyses) {
      camera(id, fps, frameCount, bounds);
      composition(id, bounds.length - 1);
    }
    if (audio) {
      Files.createDirectories(root.resolve("audio"));
      Files.write(root.resolve("audio/" + id + "_audio.wav"), new byte[44]);
    }
    Files.writeString(root.resolve("analysis/scenes/" + id + ".edl"), "TITLE: " + id + "\n");
    ObjectNode entry = indexVideos.addObject();
    entry.put("video_id", id);
    entry.put("video_path", "/media/" + id + ".mp4");
    return this;
  }

  /** A video that failed: in the index and in errors/, without a scene list. */
  OutputFixture failed(String id, String stage, String message) throws IOException {
    ObjectNode e = MAPPER.createObjectNode();
    e.put("input", "/media/" + id + ".mp4");
    e.put("video_id", id);
    e.put("stage", stage);
    e.put("exception", "java.io.IOException");
    e.put("message", message);
    write("errors/" + id + "." + stage + ".json", e);
    ObjectNode entry = indexVideos.addObject();
    entry.put("video_id", id);
    entry.put("video_path", "/media/" + id + ".mp4");
    return this;
  }

  void finish() throws IOException {
    index.put("total_videos", indexVideos.size());
    write("dataset_index.json", index);
  }

  private void stats(String id, double fps, long frameCount, long[] cuts) throws IOException {
    StringBuilder csv = new StringBuilder("Frame Number,Timecode,content_val,delta_hue,delta_sat,delta_lum\n");
    int ci = 0;
    for (long f = 0; f < frameCount; f++) {
      double v;
      if (ci < cuts.length && cuts[ci] == f) {
        v = 60 + (ci % 5) * 10;
        ci++;
      } else {
        v = f == 0 ? 0 : 4 + 3 * Math.sin(f / 20.0);
      }
      String val = Double.toString(Math.round(v * 1000) / 1000.0);
      csv.append(f + 1).append(',').append(HtmlReport.timecode(f / fps)).append(',')
          .append(val).append(',').append(val).append(',').append(val).append(',').append(val).append('\n');
    }
    Path p = root.resolve("analysis/scenes/" + id + "_stats.csv");
    Files.createDirectories(p.getParent());
    Files.writeString(p, csv, StandardCharsets.UTF_8);
  }

  /** The analysis helper's layout: shots, top-level movements, and the track as a table. */
  private void camera(String id, double fps, long frameCount, long[] bounds) throws IOException {
    String[] types = {"static", "pan_left", "tilt_up", "zoom_in", "pan_right", "complex"};
    ObjectNode cam = MAPPER.createObjectNode();
    cam.put("video_id", id);
    cam.put("fps", fps);
    ArrayNode shots = cam.putArray("shots");
    ArrayNode movements = cam.putArray("movements");
    for (int i = 0; i + 1 < bounds.length; i++) {
      String type = types[i % types.length];
      ObjectNode sc = shots.addObject();
      sc.put("scene_id", i + 1);
      sc.put("start_frame", bounds[i]);
      sc.put("end_frame", bounds[i + 1]);
      sc.put("dominant_movement", type);
      sc.put("mostly_static", type.equals("static"));
      long mid = (bounds[i] + bounds[i + 1]) / 2;
      ObjectNode a = movements.addObject();
      a.put("scene_id", i + 1);
      a.put("type", type);
      a.put("start_frame", bounds[i]);
      a.put("end_frame", mid);
      ObjectNode b = movements.addObject();
      b.put("scene_id", i + 1);
      b.put("type", "static");
      b.put("start_frame", mid);
      b.put("end_frame", bounds[i + 1]);
    }
    ObjectNode track = cam.putObject("track");
    ArrayNode cols = track.putArray("columns");
    for (String c : new String[] {"frame", "time", "scene_id", "valid", "dx", "dy", "scale", "rotation", "type"}) {
      cols.add(c);
    }
    ArrayNode rows = track.putArray("rows");
    for (long f = 0; f < frameCount; f++) {
      boolean valid = f > 0;
      rows.addArray().add(f).add(f / fps).add(1).add(valid)
          .add(valid ? 0.01 * Math.sin(f / 30.0) : 0).add(valid ? 0.005 * Math.cos(f / 45.0) : 0)
          .add(valid ? 1.0 + 0.002 * Math.sin(f / 60.0) : 1).add(0.0).add("static");
    }
    Path p = root.resolve("analysis/camera/" + id + "_camera.json");
    Files.createDirectories(p.getParent());
    MAPPER.writeValue(p.toFile(), cam);
  }

  private void composition(String id, int scenes) throws IOException {
    ObjectNode comp = MAPPER.createObjectNode();
    ArrayNode arr = comp.putArray("scenes");
    for (int i = 0; i < scenes; i++) {
      ObjectNode s = arr.addObject();
      s.put("scene_id", i + 1);
      s.put("overall", 0.25 + 0.5 * ((i * 37) % 10) / 10.0);
    }
    write("analysis/composition/" + id + "_composition.json", comp);
  }

  private void write(String rel, ObjectNode node) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(p.toFile(), node);
  }

  /** A 160x90 JPEG of a colour gradient that differs per scene and position. */
  private static void jpeg(Path target, int scene, int position) throws IOException {
    BufferedImage img = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    float hue = ((scene * 0.13f) + position * 0.05f) % 1f;
    for (int x = 0; x < 160; x++) {
      g.setColor(Color.getHSBColor(hue, 0.4f + 0.5f * x / 160f, 0.5f + 0.4f * position / 2f));
      g.drawLine(x, 0, x, 89);
    }
    g.setColor(Color.WHITE);
    g.fillOval(100, 20, 30, 30);
    g.dispose();
    Files.createDirectories(target.getParent());
    ImageIO.write(img, "jpg", target.toFile());
  }
}
