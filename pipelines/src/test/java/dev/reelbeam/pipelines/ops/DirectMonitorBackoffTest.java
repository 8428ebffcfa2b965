package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class DirectMonitorBackoffTest {
  private static final ConcurrentLinkedQueue<String> OUT = new ConcurrentLinkedQueue<>();
  private static final AtomicLong IDLE_THREAD_CPU_NANOS = new AtomicLong(-1);

  /** One long bundle on a pool of two: the other thread has only the monitor to run. */
  static final class LongBundleFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer x, OutputReceiver<Integer> out) throws InterruptedException {
      if (x == 0) {
        long before = otherWorkersCpu();
        Thread.sleep(1500);
        IDLE_THREAD_CPU_NANOS.set(otherWorkersCpu() - before);
      }
      out.output(x);
    }
  }

  static final class SumFn extends DoFn<KV<Integer, Iterable<Integer>>, Void> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Integer>> kv) {
      int sum = 0;
      for (int v : kv.getValue()) {
        sum += v;
      }
      OUT.add(kv.getKey() + "=" + sum);
    }
  }

  static long otherWorkersCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t != Thread.currentThread() && t.getName().startsWith("direct-runner-worker")) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return sum;
  }

  @Test
  void theIdleWorkerNoLongerSpinsAndTheResultIsTheSame() throws Exception {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setTargetParallelism(2);
    options.setBlockOnRun(false);
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(List.of(0, 1, 2)))
        .apply(ParDo.of(new LongBundleFn()))
        .apply(WithKeys.of((Integer x) -> x % 2).withKeyType(TypeDescriptors.integers()))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumFn()));
    OUT.clear();
    PipelineResult r = p.run();
    assertTrue(DirectMonitorBackoff.install(r));
    assertEquals(PipelineResult.State.DONE, r.waitUntilFinish());
    assertEquals(List.of("0=2", "1=1"), OUT.stream().sorted().toList());
    // spinning, the idle thread takes a whole core (up to 1.5 s here); backed off, a few ms
    assertTrue(IDLE_THREAD_CPU_NANOS.get() >= 0);
    assertTrue(IDLE_THREAD_CPU_NANOS.get() < 300_000_000L,
        "the idle worker used " + IDLE_THREAD_CPU_NANOS.get() / 1e6 + " ms of CPU in 1.5 s");
  }

  @Test
  void otherResultsAreLeftAlone() {
    assertFalse(DirectMonitorBackoff.install(null));
    assertFalse(DirectMonitorBackoff.install(new PipelineResult() {
      public State getState() {
        return State.DONE;
      }

      public State cancel() {
        return State.DONE;
      }

      public State waitUntilFinish(org.joda.time.Duration d) {
        return State.DONE;
      }

      public State waitUntilFinish() {
        return State.DONE;
      }

      public org.apache.beam.sdk.metrics.MetricResults metrics() {
        return null;
      }
    }));
  }
}
