package dev.reelbeam.pipelines.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads each scene's overall composition score from {@code
 * analysis/composition/<id>_composition.json}: the per-scene aggregate when the file has one,
 * else the mean of the scene's keyframe scores.
 */
final class CompositionFile {
  private CompositionFile() {}

  private static final String[] SCORE_KEYS = {
    "overall", "score", "overall_score", "composition_score", "mean", "average"
  };

  static Map<Integer, Double> scorePerScene(JsonNode comp) {
    Map<Integer, double[]> sums = new HashMap<>();
    JsonNode scenes = CameraFile.first(comp, "scenes", "per_scene");
    if (scenes != null) {
      for (JsonNode s : CameraFile.iterable(scenes)) {
        int id = s.path("scene_id").asInt(-1);
        double score = score(s);
        if (id >= 0 && !Double.isNaN(score)) {
          OutputsReader.add(sums, id, score);
        }
      }
    }
    if (sums.isEmpty()) {
      JsonNode keyframes = CameraFile.first(comp, "keyframes", "per_keyframe");
      if (keyframes != null) {
        for (JsonNode k : CameraFile.iterable(keyframes)) {
          int id = k.path("scene_id").asInt(-1);
          double score = score(k);
          if (id >= 0 && !Double.isNaN(score)) {
            OutputsReader.add(sums, id, score);
          }
        }
      }
    }
    return OutputsReader.means(sums);
  }

  /** The overall score of an entry: a number under a score key, or inside a nested object. */
  private static double score(JsonNode entry) {
    for (String key : SCORE_KEYS) {
      JsonNode v = entry.get(key);
      if (v != null && v.isNumber()) {
        return v.asDouble();
      }
    }
    for (String key : new String[] {"overall", "scores", "aggregate", "composition"}) {
      JsonNode v = entry.get(key);
      if (v != null && v.isObject()) {
        double d = score(v);
        if (!Double.isNaN(d)) {
          return d;
        }
      }
    }
    return Double.NaN;
  }
}
