package dev.reelbeam.pipelines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The ratios issue 16's targets name, from one round's cold processes (keyed by run name: ffmpeg1,
 * ffmpeg, exact, w1, w2, run1, run2, cold), and the medians over rounds. A ratio whose runs were not
 * made is NaN. Only ratios of the same round mean anything on a machine whose speed drifts.
 */
final class BenchRatios {

  /**
   * One ratio: {@code numerator.metric / denominator.metric}, or {@code numerator.metric / fixed}
   * when {@code denominator} is null (a target in seconds), with the target it is held to.
   */
  record Ratio(String label, String numerator, String denominator, ToDoubleFunction<ProcessCost> metric, String target,
      double fixed) {
    Ratio(String label, String numerator, String denominator, ToDoubleFunction<ProcessCost> metric, String target) {
      this(label, numerator, denominator, metric, target, Double.NaN);
    }

    /** {@code numerator.metric} against a fixed number of seconds. */
    static Ratio toSeconds(String label, String numerator, ToDoubleFunction<ProcessCost> metric, double seconds,
        String target) {
      return new Ratio(label, numerator, null, metric, target, seconds);
    }

    double of(Map<String, ProcessCost> round) {
      ProcessCost n = round.getOrDefault(numerator, ProcessCost.NONE);
      if (denominator == null) {
        return n.made() ? metric.applyAsDouble(n) / fixed : Double.NaN;
      }
      ProcessCost d = round.getOrDefault(denominator, ProcessCost.NONE);
      return n.made() && d.made() ? metric.applyAsDouble(n) / metric.applyAsDouble(d) : Double.NaN;
    }
  }

  /** Issue 16's cold start: a 1-second clip's whole {@code stage1} process within this wall time. */
  static final double COLD_START_SECONDS = 2.5;

  static final List<Ratio> RATIOS = List.of(
      new Ratio("stage1 --workers=2 wall / ffmpeg default-threads wall", "w2", "ffmpeg", ProcessCost::wall, "<= 1.15"),
      new Ratio("run --workers=2 wall / ffmpeg default-threads wall", "run2", "ffmpeg", ProcessCost::wall, "<= 1.3"),
      new Ratio("stage1 --workers=1 CPU / ffmpeg 1-thread CPU", "w1", "ffmpeg1", ProcessCost::cpu, "<= 1.35"),
      new Ratio("stage1 --workers=2 CPU / ffmpeg 1-thread CPU", "w2", "ffmpeg1", ProcessCost::cpu, "<= 1.35"),
      new Ratio("run --workers=1 CPU / ffmpeg 1-thread CPU", "run1", "ffmpeg1", ProcessCost::cpu, "<= 1.5"),
      new Ratio("run --workers=2 CPU / ffmpeg 1-thread CPU", "run2", "ffmpeg1", ProcessCost::cpu, "<= 1.5"),
      new Ratio("stage1 speed-up, --workers=1 wall / --workers=2 wall", "w1", "w2", ProcessCost::wall, ">= 1.8"),
      new Ratio("run speed-up, --workers=1 wall / --workers=2 wall", "run1", "run2", ProcessCost::wall, ">= 1.8"),
      new Ratio("PySceneDetect's path wall / stage1 --workers=2 wall", "exact", "w2", ProcessCost::wall, ">= 1.4"),
      new Ratio("stage1 --workers=1 wall / ffmpeg 1-thread wall", "w1", "ffmpeg1", ProcessCost::wall, "(for scale)"),
      Ratio.toSeconds("cold stage1 of a 1-second clip, wall / 2.5 s", "cold", ProcessCost::wall, COLD_START_SECONDS,
          "<= 1.0"));

  private BenchRatios() {}

  /** Every ratio of one round, in {@link #RATIOS}' order. */
  static Map<Ratio, Double> of(Map<String, ProcessCost> round) {
    Map<Ratio, Double> out = new LinkedHashMap<>();
    for (Ratio r : RATIOS) {
      out.put(r, r.of(round));
    }
    return out;
  }

  /** The median of each ratio over rounds (NaN rounds left out; NaN when none has it). */
  static Map<Ratio, Double> medianRatios(List<Map<String, ProcessCost>> rounds) {
    Map<Ratio, Double> out = new LinkedHashMap<>();
    for (Ratio r : RATIOS) {
      out.put(r, median(rounds.stream().mapToDouble(r::of).toArray()));
    }
    return out;
  }

  /** Per run, the median wall, user, system time and peak RSS over the rounds that made it. */
  static Map<String, ProcessCost> medianCosts(List<Map<String, ProcessCost>> rounds) {
    Map<String, List<ProcessCost>> byRun = new LinkedHashMap<>();
    for (Map<String, ProcessCost> round : rounds) {
      round.forEach((run, cost) -> {
        if (cost.made()) {
          byRun.computeIfAbsent(run, k -> new ArrayList<>()).add(cost);
        }
      });
    }
    Map<String, ProcessCost> out = new LinkedHashMap<>();
    byRun.forEach((run, costs) -> out.put(run, new ProcessCost(
        median(costs.stream().mapToDouble(ProcessCost::wall).toArray()),
        median(costs.stream().mapToDouble(ProcessCost::user).toArray()),
        median(costs.stream().mapToDouble(ProcessCost::sys).toArray()),
        (long) median(costs.stream().mapToDouble(ProcessCost::peakRssKb).toArray()))));
    return out;
  }

  /** The median of the values that are not NaN; NaN when there are none. */
  static double median(double[] values) {
    double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
