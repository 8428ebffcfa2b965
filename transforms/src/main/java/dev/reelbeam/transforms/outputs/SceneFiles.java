package dev.reelbeam.transforms.outputs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The three cut files of one video, rendered to bytes: {@code <id>_scenes.json} (ReelBeam's
 * schema, documented in {@code src/site/markdown/outputs.md}), {@code <id>_scenes.csv} (the columns
 * of PySceneDetect's {@code list-scenes}) and {@code <id>_stats.csv} (PySceneDetect's per-frame
 * statistics file). Pure functions of their inputs: the same detection gives the same bytes.
 */
public final class SceneFiles {

  /** PySceneDetect's metric columns, sorted by name as its StatsManager writes them. */
  static final String STATS_HEADER =
      "Frame Number,Timecode,content_val,delta_edges,delta_hue,delta_lum,delta_sat";

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
        }
      }
    }
    return Json.bytes(root);
  }

  /** Scene keyframes carry their scene; interval frames (scene 0) go to the scene holding them. */
  private static boolean belongsTo(Keyframe k, Scene s) {
    if (k.sceneId() > 0) {
      return k.sceneId() == s.sceneId();
    }
    return k.frame() >= s.startFrame() && k.frame() < s.endFrame();
  }

  static ObjectNode detector(DetectorSettings s) {
    ObjectNode n = Json.object();
    n.put("name", "ContentDetector");
    n.put("threshold", s.threshold());
    n.put("min_scene_len", s.minSceneLen());
    ObjectNode w = n.putObject("weights");
    w.put("delta_hue", s.weightHue());
    w.put("delta_sat", s.weightSat());
    w.put("delta_lum", s.weightLum());
    w.put("delta_edges", s.weightEdges());
    n.put("downscale_target", s.downscaleTarget());
    n.put("flash_filter", "merge");
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

  /** PySceneDetect's stats file: frame numbers 1-based, metric columns sorted by name. */
  public static byte[] statsCsv(SceneDetection d) {
    StringBuilder sb = new StringBuilder(64 * (d.signals().size() + 1));
    sb.append(STATS_HEADER).append('\n');
    for (FrameSignal f : d.signals()) {
      sb.append(f.frame() + 1).append(',')
          .append(Timecodes.timecode(f.time())).append(',')
          .append(Timecodes.pyFloat(f.contentVal())).append(',')
          .append("0.0").append(',')
          .append(Timecodes.pyFloat(f.deltaHue())).append(',')
          .append(Timecodes.pyFloat(f.deltaLum())).append(',')
          .append(Timecodes.pyFloat(f.deltaSat())).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
