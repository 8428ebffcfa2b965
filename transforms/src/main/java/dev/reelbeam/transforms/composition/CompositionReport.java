package dev.reelbeam.transforms.composition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.files.TaskFailure;
import dev.reelbeam.transforms.model.Keyframe;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Scores every keyframe of a video and builds {@code <video-id>_composition.json} (per keyframe,
 * per scene, best / worst / average) and its {@link CompositionSummary}. Fixed field order and
 * rounded numbers: a rerun writes the same bytes.
 */
public final class CompositionReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A keyframe and its scores. */
  public record Scored(Keyframe keyframe, CompositionScores scores) {}

  private final String videoId;
  private final List<Scored> frames;

  public CompositionReport(String videoId, List<Scored> frames) {
    this.videoId = videoId;
    this.frames = List.copyOf(frames);
  }

  /** Reads each keyframe under {@code root} and scores it; fails on the first unreadable one. */
  public static CompositionReport score(String videoId, List<Keyframe> keyframes, Path root) throws IOException {
    return score(videoId, keyframes, OutputStore.at(root.toString()));
  }

  /**
   * Reads each keyframe from the output store {@code root} (a local copy while it is scored, when
   * the store is remote) and scores it; fails on the first unreadable one.
   */
  public static CompositionReport score(String videoId, List<Keyframe> keyframes, OutputStore root)
      throws IOException {
    List<Scored> out = new ArrayList<>(keyframes.size());
    for (Keyframe k : keyframes) {
      if (k.written()) { // a duplicate --dedup did not write
        out.add(scoreOne(k, root));
      }
    }
    return new CompositionReport(videoId, out);
  }

  /**
   * As {@link #score(String, List, OutputStore)}, the keyframes scored on {@code pool}'s threads:
   * each keyframe's scores depend on its image alone, so the report is the same, and so is the
   * error (that of the first unreadable keyframe in list order, as the serial loop would stop at).
   */
  public static CompositionReport score(String videoId, List<Keyframe> keyframes, OutputStore root,
      ExecutorService pool) throws IOException {
    List<Future<Scored>> pending = new ArrayList<>(keyframes.size());
    for (Keyframe k : keyframes) {
      if (k.written()) {
        pending.add(pool.submit(() -> scoreOne(k, root)));
      }
    }
    List<Scored> out = new ArrayList<>(pending.size());
    try {
      for (Future<Scored> f : pending) {
        out.add(f.get());
      }
    } catch (ExecutionException e) {
      pending.forEach(f -> f.cancel(true));
      throw TaskFailure.cause(e);
    } catch (InterruptedException e) {
      pending.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while scoring the keyframes of " + videoId);
    }
    return new CompositionReport(videoId, out);
  }

  private static Scored scoreOne(Keyframe k, OutputStore root) throws IOException {
    try (OutputStore.LocalCopy image = root.localCopy(k.path())) {
      return new Scored(k, CompositionMetrics.score(SaliencyMaps.read(image.path())));
    }
  }

  public List<Scored> frames() {
    return frames;
  }

  public static String relativePath(String videoId) {
    return "analysis/composition/" + videoId + "_composition.json";
  }

  public CompositionSummary summary() {
    Scored best = null;
    Scored worst = null;
    double o = 0;
    double t = 0;
    double b = 0;
    double s = 0;
    for (Scored f : frames) {
      CompositionScores c = f.scores();
      o += c.overall();
      t += c.thirds();
      b += c.balance();
      s += c.symmetry();
      if (best == null || c.overall() > best.scores().overall()) {
        best = f;
      }
      if (worst == null || c.overall() < worst.scores().overall()) {
        worst = f;
      }
    }
    int n = frames.size();
    return new CompositionSummary(videoId, relativePath(videoId), n, byScene().size(),
        n == 0 ? 0 : r(o / n), n == 0 ? 0 : r(t / n), n == 0 ? 0 : r(b / n), n == 0 ? 0 : r(s / n),
        best == null ? null : best.keyframe().path(), best == null ? 0 : r(best.scores().overall()),
        worst == null ? null : worst.keyframe().path(), worst == null ? 0 : r(worst.scores().overall()));
  }

  private Map<Integer, List<Scored>> byScene() {
    Map<Integer, List<Scored>> m = new LinkedHashMap<>();
    frames.stream()
        .sorted((a, c) -> a.keyframe().sceneId() != c.keyframe().sceneId()
            ? Integer.compare(a.keyframe().sceneId(), c.keyframe().sceneId())
            : Long.compare(a.keyframe().frame(), c.keyframe().frame()))
        .forEach(f -> m.computeIfAbsent(f.keyframe().sceneId(), k -> new ArrayList<>()).add(f));
    return m;
  }

  public byte[] toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("video_id", videoId);
    ObjectNode w = root.putObject("weights");
    w.put("overall", "0.5 thirds + 0.3 balance + 0.2 symmetry");
    w.put("thirds", "0.6 thirds_points + 0.4 thirds_lines");
    w.put("balance", "0.5 center_balance + 0.25 balance_lr + 0.25 balance_tb");
    w.put("symmetry", "max(symmetry_lr, symmetry_tb)");
    w.put("weight_map", "0.7 spectral-residual saliency + 0.3 Sobel edges, each scaled to max 1");
    w.put("reference", "Liu, Chen, Wolf, Cohen-Or 2010, Optimizing Photo Composition (thirds, balance); Hou, Zhang 2007 (saliency)");

    ArrayNode kfs = root.putArray("keyframes");
    for (Scored f : frames) {
      ObjectNode o = kfs.addObject();
      Keyframe k = f.keyframe();
      o.put("scene_id", k.sceneId());
      o.put("position", k.position());
      o.put("frame", k.frame());
      o.put("time", r(k.time()));
      o.put("path", k.path());
      scores(o, f.scores());
    }

    ArrayNode scenes = root.putArray("scenes");
    for (var e : byScene().entrySet()) {
      List<Scored> list = e.getValue();
      ObjectNode o = scenes.addObject();
      o.put("scene_id", e.getKey());
      o.put("keyframes", list.size());
      o.put("overall", r(list.stream().mapToDouble(f -> f.scores().overall()).average().orElse(0)));
      o.put("thirds", r(list.stream().mapToDouble(f -> f.scores().thirds()).average().orElse(0)));
      o.put("balance", r(list.stream().mapToDouble(f -> f.scores().balance()).average().orElse(0)));
      o.put("symmetry", r(list.stream().mapToDouble(f -> f.scores().symmetry()).average().orElse(0)));
      Scored best = list.get(0);
      for (Scored f : list) {
        if (f.scores().overall() > best.scores().overall()) {
          best = f;
        }
      }
      o.put("best_path", best.keyframe().path());
      o.put("best_overall", r(best.scores().overall()));
    }

    CompositionSummary s = summary();
    ObjectNode sum = root.putObject("summary");
    sum.put("keyframes", s.keyframes());
    sum.put("scenes", s.scenes());
    ObjectNode avg = sum.putObject("average");
    avg.put("overall", s.averageOverall());
    avg.put("thirds", s.averageThirds());
    avg.put("balance", s.averageBalance());
    avg.put("symmetry", s.averageSymmetry());
    ObjectNode best = sum.putObject("best");
    best.put("path", s.bestPath());
    best.put("overall", s.bestScore());
    ObjectNode worst = sum.putObject("worst");
    worst.put("path", s.worstPath());
    worst.put("overall", s.worstScore());
    try {
      return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void scores(ObjectNode o, CompositionScores c) {
    o.put("overall", r(c.overall()));
    o.put("thirds", r(c.thirds()));
    o.put("thirds_points", r(c.thirdsPoints()));
    o.put("thirds_lines", r(c.thirdsLines()));
    ObjectNode pp = o.putObject("power_points");
    for (int i = 0; i < 4; i++) {
      pp.put(CompositionMetrics.POWER_POINTS.get(i), r(c.powerPoints().get(i)));
    }
    o.put("symmetry", r(c.symmetry()));
    o.put("symmetry_lr", r(c.symmetryLeftRight()));
    o.put("symmetry_tb", r(c.symmetryTopBottom()));
    o.put("balance", r(c.balance()));
    o.put("center_balance", r(c.centerBalance()));
    o.put("balance_lr", r(c.balanceLeftRight()));
    o.put("balance_tb", r(c.balanceTopBottom()));
    o.putArray("center_offset").add(r(c.centerOffsetX())).add(r(c.centerOffsetY()));
    ArrayNode subjects = o.putArray("subjects");
    for (Subject s : c.subjects()) {
      ObjectNode so = subjects.addObject();
      so.putArray("bbox").add(r(s.x())).add(r(s.y())).add(r(s.width())).add(r(s.height()));
      so.put("area_ratio", r(s.areaRatio()));
      so.put("weight_share", r(s.weightShare()));
      so.putArray("center").add(r(s.centerX())).add(r(s.centerY()));
      so.put("nearest_power_point", s.nearestPowerPoint());
      so.put("power_point_distance", r(s.powerPointDistance()));
    }
  }

  static double r(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return 0;
    }
    double x = Math.round(v * 10000) / 10000.0;
    return x == 0 ? 0.0 : x;
  }
}
