package dev.reelbeam.transforms.outputs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The three cut files of one video, rendered to bytes: {@code <id>_scenes.json} (ReelBeam's
 * schema, documented in {@code src/site/markdown/outputs.md}), {@code <id>_scenes.csv} (the columns
 * of PySceneDetect's {@code list-scenes}) and {@code <id>_stats.csv} (PySceneDetect's per-frame
 * statistics file). Pure functions of their inputs: the same detection gives the same bytes.
 */
public final class SceneFiles {

  static final String SCENES_HEADER =
      "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,"
          + "End Time (seconds),Length (frames),Length (timecode),Length (seconds)";

  private SceneFiles() {}

  /** The scenes JSON; {@code keyframes} are this video's written frames (may be empty). */
  public static byte[] scenesJson(SceneDetection d, List<Keyframe> keyframes) {
    VideoInfo v = d.video();
    ObjectNode root = Json.object();
    root.put("video_path", v.path());
    root.put("video_id", v.videoId());
    root.put("fps", v.fps());
    root.put("frame_count", d.frameCount());
    root.put("duration", d.durationSeconds());
    ArrayNode res = root.putArray("resolution");
    res.add(v.displayWidth());
    res.add(v.displayHeight());
    root.set("detector", detector(d.settings()));
    ArrayNode cuts = root.putArray("cuts");
    d.cuts().forEach(cuts::add);
    ArrayNode transitions = root.putArray("transitions");
    for (Transition t : d.transitions()) {
      ObjectNode n = transitions.addObject();
      n.put("type", t.type().jsonName());
      n.put("start_frame", t.startFrame());
      n.put("end_frame", t.endFrame());
      n.put("start_time", t.startTime());
      n.put("end_time", t.endTime());
      n.put("confidence", t.confidence());
    }
    ArrayNode scenes = root.putArray("scenes");
    List<Keyframe> sorted = new ArrayList<>(keyframes);
    sorted.sort(Comparator.comparingLong(Keyframe::frame).thenComparingInt(Keyframe::position));
    for (Scene s : d.scenes()) {
      ObjectNode n = scenes.addObject();
      n.put("scene_id", s.sceneId());
      n.put("start_frame", s.startFrame());
      n.put("end_frame", s.endFrame());
      n.put("start_time", s.startTime());
      n.put("end_time", s.endTime());
      ArrayNode kfs = n.putArray("keyframes");
      for (Keyframe k : sorted) {
        if (belongsTo(k, s)) {
          ObjectNode kn = kfs.addObject();
          kn.put("position", k.position());
          kn.put("frame", k.frame());
          kn.put("time", k.time());
          kn.put("path", k.path());
          quality(kn, k);
        }
      }
    }
    return Json.bytes(root);
  }

  /**
   * A keyframe's measures: {@code sharpness} (variance of the Laplacian of the small frame),
   * {@code brightness} (mean grey level), {@code phash} (16 hex digits) and {@code duplicate_of}
   * (the earlier keyframe it repeats, or null). Absent for a keyframe measured by no decode pass.
   */
  private static void quality(ObjectNode kn, Keyframe k) {
    if (Double.isNaN(k.quality().sharpness())) {
      return;
    }
    kn.put("sharpness", k.quality().sharpness());
    kn.put("brightness", k.quality().brightness());
    kn.put("phash", k.quality().phashHex());
    if (k.duplicateOf() == null) {
      kn.putNull("duplicate_of");
    } else {
      ObjectNode d = kn.putObject("duplicate_of");
      d.put("scene_id", k.duplicateOf().sceneId());
      d.put("position", k.duplicateOf().position());
      d.put("frame", k.duplicateOf().frame());
    }
  }

  /** Scene keyframes carry their scene; interval frames (scene 0) go to the scene holding them. */
  private static boolean belongsTo(Keyframe k, Scene s) {
    if (k.sceneId() > 0) {
      return k.sceneId() == s.sceneId();
    }
    return k.frame() >= s.startFrame() && k.frame() < s.endFrame();
  }

  /**
   * The detector and every parameter that decides its cuts, named as PySceneDetect's constructor
   * arguments (ContentDetector's block as before the other detectors existed).
   */
  static ObjectNode detector(DetectorSettings s) {
    ObjectNode n = Json.object();
    n.put("name", s.detector().className());
    switch (s.detector()) {
      case CONTENT -> n.put("threshold", s.threshold());
      case ADAPTIVE -> {
        n.put("adaptive_threshold", s.adaptiveThreshold());
        n.put("window_width", s.windowWidth());
        n.put("min_content_val", s.minContentVal());
      }
      case HASH -> {
        n.put("threshold", s.hashThreshold());
        n.put("size", s.hashSize());
        n.put("lowpass", s.hashLowpass());
      }
      case HISTOGRAM -> {
        n.put("threshold", s.histogramThreshold());
        n.put("bins", s.histogramBins());
      }
      case THRESHOLD -> {
        n.put("threshold", s.fadeThreshold());
        n.put("fade_bias", s.fadeBias());
        n.put("add_final_scene", s.addFinalScene());
        n.put("method", "floor");
      }
    }
    n.put("min_scene_len", s.minSceneLen());
    if (s.detector() == Detector.CONTENT || s.detector() == Detector.ADAPTIVE) {
      ObjectNode w = n.putObject("weights");
      w.put("delta_hue", s.weightHue());
      w.put("delta_sat", s.weightSat());
      w.put("delta_lum", s.weightLum());
      w.put("delta_edges", s.weightEdges());
    }
    n.put("downscale_target", s.downscaleTarget());
    if (s.detector() == Detector.CONTENT) {
      n.put("flash_filter", "merge");
    }
    if (s.splitGradual()) {
      n.put("split_gradual", true);
    }
    return n;
  }

  /** PySceneDetect {@code list-scenes} CSV: the cut timecodes row, the header, one row per scene. */
  public static byte[] scenesCsv(SceneDetection d) {
    StringBuilder sb = new StringBuilder();
    List<Scene> scenes = d.scenes();
    List<String> cutRow = new ArrayList<>();
    if (scenes.size() > 1) {
      cutRow.add("Timecode List:");
      for (int i = 1; i < scenes.size(); i++) {
        cutRow.add(Timecodes.timecode(scenes.get(i).startTime()));
      }
    }
    sb.append(String.join(",", cutRow)).append('\n');
    sb.append(SCENES_HEADER).append('\n');
    for (int i = 0; i < scenes.size(); i++) {
      Scene s = scenes.get(i);
      double length = s.endTime() - s.startTime();
      sb.append(i + 1).append(',')
          .append(s.startFrame() + 1).append(',')
          .append(Timecodes.timecode(s.startTime())).append(',')
          .append(Timecodes.seconds3(s.startTime())).append(',')
          .append(s.endFrame()).append(',')
          .append(Timecodes.timecode(s.endTime())).append(',')
          .append(Timecodes.seconds3(s.endTime())).append(',')
          .append(s.endFrame() - s.startFrame()).append(',')
          .append(Timecodes.timecode(length)).append(',')
          .append(Timecodes.seconds3(length)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * PySceneDetect's stats file: frame numbers 1-based, every detector's metric column, sorted by
   * name as its StatsManager writes them; a value a frame does not have is {@code None}.
   */
  public static byte[] statsCsv(SceneDetection d) {
    DetectorSettings s = d.settings();
    TreeMap<String, ToDoubleFunction<FrameSignal>> columns = new TreeMap<>();
    columns.put(s.adaptiveRatioKey(), FrameSignal::adaptiveRatio);
    columns.put("average_rgb", FrameSignal::averageRgb);
    columns.put("content_val", FrameSignal::contentVal);
    columns.put("delta_edges", f -> 0.0);
    columns.put("delta_hue", FrameSignal::deltaHue);
    columns.put("delta_lum", FrameSignal::deltaLum);
    columns.put("delta_sat", FrameSignal::deltaSat);
    columns.put(s.hashKey(), FrameSignal::hashDist);
    columns.put(s.histogramKey(), FrameSignal::histDiff);
    List<ToDoubleFunction<FrameSignal>> values = new ArrayList<>(columns.values());
    StringBuilder sb = new StringBuilder(128 * (d.signals().size() + 1));
    sb.append("Frame Number,Timecode");
    columns.keySet().forEach(k -> sb.append(',').append(k));
    sb.append('\n');
    for (FrameSignal f : d.signals()) {
      sb.append(f.frame() + 1).append(',').append(Timecodes.timecode(f.time()));
      for (ToDoubleFunction<FrameSignal> v : values) {
        double x = v.applyAsDouble(f);
        sb.append(',').append(Double.isNaN(x) ? "None" : Timecodes.pyFloat(x));
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
