package dev.reelbeam.transforms.camera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.transforms.model.MotionSample;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <video-id>_camera.json} document and the {@link CameraSummary} of a {@link
 * CameraReport}. Field order is fixed and numbers are rounded, so a rerun writes the same bytes.
 */
public final class CameraJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Columns of the per-frame track, in row order. */
  public static final List<String> TRACK_COLUMNS = List.of(
      "frame", "time", "scene_id", "valid", "dx", "dy", "scale", "rotation", "inlier_ratio",
      "pan", "tilt", "zoom", "roll", "type");

  private CameraJson() {}

  /** Output path relative to the output root. */
  public static String relativePath(String videoId) {
    return "analysis/camera/" + videoId + "_camera.json";
  }

  public static byte[] toJson(CameraReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("video_id", r.videoId());
    root.put("video_path", r.videoPath());
    root.put("fps", round(r.fps(), 6));
    root.putArray("resolution").add(r.width()).add(r.height());
    ObjectNode conv = root.putObject("conventions");
    conv.put("pan", "frame widths per second; + = the camera pans right, the content moves left");
    conv.put("tilt", "frame heights per second; + = the camera tilts up, the content moves down");
    conv.put("zoom", "natural log of the scale change per second; + = zoom in, the content grows");
    conv.put("roll", "degrees per second; + = the camera rolls clockwise, the content turns counter-clockwise");
    conv.put("speed", "translation speed, frame widths per second (vertical part through the aspect ratio)");
    conv.put("dx_dy", "track: displacement of the content at the frame centre to the previous frame, "
        + "fractions of width and height, + = right and down; scale > 1 content grows; rotation degrees, + = counter-clockwise");
    ObjectNode th = root.putObject("thresholds");
    th.put("translation", CameraMotionAnalyzer.TRANSLATION_THRESHOLD);
    th.put("zoom", CameraMotionAnalyzer.ZOOM_THRESHOLD);
    th.put("roll", CameraMotionAnalyzer.ROLL_THRESHOLD);
    th.put("shake", CameraMotionAnalyzer.SHAKE_THRESHOLD);
    th.put("mostly_static", CameraMotionAnalyzer.MOSTLY_STATIC);
    th.put("smoothing_seconds", CameraMotionAnalyzer.SMOOTHING_SECONDS);
    th.put("min_segment_seconds", CameraMotionAnalyzer.MIN_SEGMENT_SECONDS);
    th.put("max_gap_seconds", CameraMotionAnalyzer.MAX_GAP_SECONDS);

    CameraSummary s = summary(r);
    ObjectNode totals = root.putObject("totals");
    totals.put("frames", s.frames());
    totals.put("duration", round(s.durationSeconds(), 4));
    totals.put("scenes", s.scenes());
    totals.put("dominant_movement", s.dominantMovement());
    totals.put("mostly_static_scenes", s.mostlyStaticScenes());
    totals.put("handheld_scenes", s.handheldScenes());
    ObjectNode per = totals.putObject("movements");
    for (MovementType t : MovementType.values()) {
      ObjectNode o = per.putObject(t.jsonName());
      o.put("segments", s.movementCounts().get(t.jsonName()));
      o.put("seconds", s.movementSeconds().get(t.jsonName()));
    }

    ArrayNode shots = root.putArray("shots");
    ArrayNode movements = root.putArray("movements");
    for (SceneCamera sc : r.scenes()) {
      ObjectNode o = shots.addObject();
      o.put("scene_id", sc.sceneId());
      o.put("start_frame", sc.startFrame());
      o.put("end_frame", sc.endFrame());
      o.put("start_time", round(sc.startTime(), 4));
      o.put("end_time", round(sc.endTime(), 4));
      o.put("dominant_movement", sc.dominant().jsonName());
      o.put("mostly_static", sc.mostlyStatic());
      o.put("handheld", sc.handheld());
      o.put("shake", round(sc.shake(), 6));
      o.put("valid_ratio", round(sc.validRatio(), 4));
      o.put("movements", sc.segments().size());
      for (MovementSegment g : sc.segments()) {
        ObjectNode m = movements.addObject();
        m.put("scene_id", sc.sceneId());
        m.put("type", g.type().jsonName());
        m.put("start_frame", g.startFrame());
        m.put("end_frame", g.endFrame());
        m.put("start_time", round(g.startTime(), 4));
        m.put("end_time", round(g.endTime(), 4));
        m.put("speed", round(g.speed(), 5));
        m.put("pan", round(g.velocity().pan(), 5));
        m.put("tilt", round(g.velocity().tilt(), 5));
        m.put("zoom", round(g.velocity().zoom(), 5));
        m.put("roll", round(g.velocity().roll(), 4));
        m.put("intensity", round(g.intensity(), 4));
        m.put("smoothness", round(g.smoothness(), 4));
      }
    }

    ObjectNode track = root.putObject("track");
    ArrayNode cols = track.putArray("columns");
    TRACK_COLUMNS.forEach(cols::add);
    ArrayNode rows = track.putArray("rows");
    for (FrameMotion f : r.track()) {
      MotionSample m = f.raw();
      ArrayNode row = rows.addArray();
      row.add(f.frame()).add(round(f.time(), 4)).add(f.sceneId()).add(m.valid())
          .add(round(m.dx(), 6)).add(round(m.dy(), 6)).add(round(m.scale(), 6)).add(round(m.rotation(), 4))
          .add(round(m.inlierRatio(), 3))
          .add(round(f.smoothed().pan(), 5)).add(round(f.smoothed().tilt(), 5))
          .add(round(f.smoothed().zoom(), 5)).add(round(f.smoothed().roll(), 4))
          .add(f.type().jsonName());
    }
    try {
      // The track is long: one row per line would be a tall file, so rows are written compactly.
      return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static CameraSummary summary(CameraReport r) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long[] frames = new long[MovementType.values().length];
    for (MovementType t : MovementType.values()) {
      counts.put(t.jsonName(), 0);
      seconds.put(t.jsonName(), 0.0);
    }
    int mostlyStatic = 0;
    int handheld = 0;
    double duration = 0;
    for (SceneCamera sc : r.scenes()) {
      mostlyStatic += sc.mostlyStatic() ? 1 : 0;
      handheld += sc.handheld() ? 1 : 0;
      for (MovementSegment g : sc.segments()) {
        counts.merge(g.type().jsonName(), 1, Integer::sum);
        seconds.merge(g.type().jsonName(), g.duration(), Double::sum);
        frames[g.type().ordinal()] += g.frames();
      }
      duration = Math.max(duration, sc.endTime());
    }
    seconds.replaceAll((k, v) -> round(v, 4));
    MovementType dominant = MovementType.UNKNOWN;
    long best = 0;
    for (MovementType t : MovementType.values()) {
      if (t != MovementType.UNKNOWN && frames[t.ordinal()] > best) {
        best = frames[t.ordinal()];
        dominant = t;
      }
    }
    return new CameraSummary(r.videoId(), relativePath(r.videoId()), r.scenes().size(), r.track().size(),
        round(duration, 4), dominant.jsonName(), mostlyStatic, handheld, counts, seconds);
  }

  static double round(double v, int places) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return 0;
    }
    double f = Math.pow(10, places);
    double r = Math.round(v * f) / f;
    return r == 0 ? 0.0 : r; // no -0.0
  }
}
