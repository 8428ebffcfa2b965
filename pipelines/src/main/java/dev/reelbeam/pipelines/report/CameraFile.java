package dev.reelbeam.pipelines.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.pipelines.report.ReportData.Camera;
import dev.reelbeam.pipelines.report.ReportData.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code analysis/camera/<id>_camera.json} for the report: the per-frame motion track (dx,
 * dy, scale), the typed movement segments and each scene's dominant movement. The reader accepts
 * the track as a table ({@code columns} and {@code rows}, what the analysis writes), a list of
 * samples or arrays per field, and segments at the top level or inside each
 * scene, with frames or times; parts it does not find are left out of the report.
 */
final class CameraFile {
  private CameraFile() {}

  private static final String[] TRACK_KEYS = {"track", "motion_track", "per_frame", "frames", "motion"};
  private static final String[] SEGMENT_KEYS = {"movements", "segments"};
  private static final String[] SCENE_KEYS = {"shots", "scenes", "per_scene"};

  /** The track and segments; null when the file holds neither. */
  static Camera track(JsonNode cam, double fps) {
    long[] frames = new long[0];
    float[] dx = new float[0];
    float[] dy = new float[0];
    float[] zoom = new float[0];
    JsonNode track = first(cam, TRACK_KEYS);
    if (track != null && track.isObject()) {
      JsonNode inner = first(track, "samples", "frames", "data");
      if (inner != null && inner.isArray()) {
        track = inner;
      }
    }
    if (track != null && track.isObject() && track.has("columns") && track.has("rows")) {
      // A table: {"columns": ["frame", "time", ..., "dx", "dy", "scale", ...], "rows": [[...], ...]}.
      List<String> columns = new ArrayList<>();
      track.get("columns").forEach(c -> columns.add(c.asText()));
      int fi = columns.indexOf("frame");
      int ti = columns.indexOf("time");
      int xi = columns.indexOf("dx");
      int yi = columns.indexOf("dy");
      int si = columns.indexOf("scale");
      int zi = columns.indexOf("zoom");
      int vi = columns.indexOf("valid");
      JsonNode rows = track.get("rows");
      int n = rows.size();
      frames = new long[n];
      dx = new float[n];
      dy = new float[n];
      zoom = new float[n];
      int k = 0;
      for (JsonNode row : rows) {
        long frame = fi >= 0 ? row.path(fi).asLong(-1) : ti >= 0 ? Math.round(row.path(ti).asDouble() * fps) : k;
        if (frame < 0) {
          continue;
        }
        // An invalid sample (no trustworthy fit) is a gap, not a zero.
        boolean valid = vi < 0 || row.path(vi).asBoolean(true);
        frames[k] = frame;
        dx[k] = !valid || xi < 0 ? Float.NaN : (float) row.path(xi).asDouble();
        dy[k] = !valid || yi < 0 ? Float.NaN : (float) row.path(yi).asDouble();
        zoom[k] = !valid ? Float.NaN
            : si >= 0 ? (float) (row.path(si).asDouble() - 1.0)
            : zi >= 0 ? (float) row.path(zi).asDouble() : Float.NaN;
        k++;
      }
      frames = Arrays.copyOf(frames, k);
      dx = Arrays.copyOf(dx, k);
      dy = Arrays.copyOf(dy, k);
      zoom = Arrays.copyOf(zoom, k);
    } else if (track != null && track.isArray()) {
      int n = track.size();
      frames = new long[n];
      dx = new float[n];
      dy = new float[n];
      zoom = new float[n];
      int k = 0;
      for (JsonNode s : track) {
        if (!s.isObject()) {
          continue;
        }
        long frame = frameOf(s, fps, "frame", "frame_number", "index", "time", "t");
        if (frame < 0) {
          continue;
        }
        JsonNode m = motionOf(s);
        frames[k] = frame;
        dx[k] = (float) value(m, 0, "dx");
        dy[k] = (float) value(m, 0, "dy");
        zoom[k] = (float) zoomOf(m);
        k++;
      }
      frames = Arrays.copyOf(frames, k);
      dx = Arrays.copyOf(dx, k);
      dy = Arrays.copyOf(dy, k);
      zoom = Arrays.copyOf(zoom, k);
    } else if (track != null && track.isObject() && track.has("dx")) {
      JsonNode f = first(track, "frame", "frames", "frame_number");
      JsonNode t = first(track, "time", "times", "t");
      int n = track.get("dx").size();
      frames = new long[n];
      dx = new float[n];
      dy = new float[n];
      zoom = new float[n];
      JsonNode sc = first(track, "scale", "zoom");
      boolean isScale = track.has("scale");
      for (int i = 0; i < n; i++) {
        frames[i] = f != null ? f.get(i).asLong() : t != null ? Math.round(t.get(i).asDouble() * fps) : i;
        dx[i] = (float) track.get("dx").get(i).asDouble();
        dy[i] = track.has("dy") ? (float) track.get("dy").get(i).asDouble() : 0f;
        zoom[i] = sc == null ? 0f : (float) (sc.get(i).asDouble() - (isScale ? 1.0 : 0.0));
      }
    }
    List<Segment> segments = segments(cam, fps);
    if (frames.length == 0 && segments.isEmpty()) {
      return null;
    }
    return new Camera(frames, dx, dy, zoom, segments);
  }

  /** Each scene's dominant movement, by scene id; empty when the file has none. */
  static Map<Integer, String> dominantPerScene(JsonNode cam) {
    Map<Integer, String> out = new HashMap<>();
    JsonNode scenes = first(cam, SCENE_KEYS);
    if (scenes == null) {
      return out;
    }
    for (JsonNode s : iterable(scenes)) {
      int id = s.path("scene_id").asInt(-1);
      JsonNode d = first(s, "dominant_movement", "dominant", "movement", "type");
      if (d != null && d.isObject()) {
        d = first(d, "type", "movement", "name");
      }
      if (id >= 0 && d != null && d.isTextual()) {
        out.put(id, d.asText());
      }
    }
    return out;
  }

  private static List<Segment> segments(JsonNode cam, double fps) {
    List<Segment> out = new ArrayList<>();
    JsonNode top = first(cam, SEGMENT_KEYS);
    if (top != null) {
      addSegments(top, fps, out);
    } else {
      JsonNode scenes = first(cam, SCENE_KEYS);
      if (scenes != null) {
        for (JsonNode s : iterable(scenes)) {
          JsonNode inner = first(s, SEGMENT_KEYS);
          if (inner != null) {
            addSegments(inner, fps, out);
          }
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.startFrame(), b.startFrame()));
    return out;
  }

  private static void addSegments(JsonNode array, double fps, List<Segment> out) {
    for (JsonNode m : iterable(array)) {
      JsonNode typeNode = first(m, "type", "movement", "kind", "label");
      if (typeNode == null || !typeNode.isTextual()) {
        continue;
      }
      long start = frameOf(m, fps, "start_frame", "start", "start_time");
      long end = frameOf(m, fps, "end_frame", "end", "end_time");
      if (start >= 0 && end > start) {
        out.add(new Segment(typeNode.asText(), start, end));
      }
    }
  }

  /** The frame of a sample from the first field present; names with "time" or "t" are seconds. */
  private static long frameOf(JsonNode s, double fps, String... names) {
    for (String name : names) {
      JsonNode v = s.get(name);
      if (v != null && v.isNumber()) {
        boolean seconds = name.contains("time") || name.equals("t");
        return seconds ? Math.round(v.asDouble() * fps) : v.asLong();
      }
    }
    return -1;
  }

  /** The node holding a sample's dx/dy/scale: the sample itself or its raw estimator sample. */
  private static JsonNode motionOf(JsonNode s) {
    if (s.has("dx")) {
      return s;
    }
    for (String key : new String[] {"raw", "motion", "sample"}) {
      JsonNode m = s.get(key);
      if (m != null && m.isObject() && m.has("dx")) {
        return m;
      }
    }
    return s;
  }

  private static double zoomOf(JsonNode s) {
    JsonNode scale = s.get("scale");
    if (scale != null && scale.isNumber()) {
      return scale.asDouble() - 1.0;
    }
    return value(s, 0, "zoom");
  }

  private static double value(JsonNode s, double otherwise, String name) {
    JsonNode v = s.get(name);
    return v != null && v.isNumber() ? v.asDouble() : otherwise;
  }

  static JsonNode first(JsonNode node, String... names) {
    for (String n : names) {
      JsonNode v = node.get(n);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  /** The elements of an array, or the values of an object keyed by id. */
  static Iterable<JsonNode> iterable(JsonNode node) {
    if (node.isArray()) {
      return node;
    }
    List<JsonNode> out = new ArrayList<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> out.add(e.getValue()));
    }
    return out;
  }
}
