package dev.reelbeam.pipelines.ops;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The job's ReelBeam counters as the runner reports them: sums, per step, and the stage times. */
final class JobMetrics {
  private JobMetrics() {}

  /** Sums the ReelBeam counters per name and lists them per step. */
  static void collect(
      PipelineResult r, boolean committedIfSupported, Map<String, Map<String, Long>> steps, Map<String, Long> sums) {
    MetricQueryResults q = r.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(Counters.NAMESPACE)).build());
    for (MetricResult<Long> c : q.getCounters()) {
      Long v = null;
      if (committedIfSupported) {
        try {
          v = c.getCommitted();
        } catch (UnsupportedOperationException e) {
          v = null;
        }
      }
      if (v == null) {
        v = c.getAttempted();
      }
      String name = c.getName().getName();
      sums.merge(name, v, Long::sum);
      steps.computeIfAbsent(c.getKey().stepName(), k -> new TreeMap<>()).merge(name, v, Long::sum);
    }
  }

  /** Counters named {@code *_ms}, per step: the stage times. */
  static Map<String, Long> stageTimes(Map<String, Map<String, Long>> steps) {
    Map<String, Long> times = new TreeMap<>();
    steps.forEach((step, c) -> c.forEach((name, v) -> {
      if (name.endsWith("_ms")) {
        times.merge(step + "/" + name, v, Long::sum);
      }
    }));
    return times;
  }

}
