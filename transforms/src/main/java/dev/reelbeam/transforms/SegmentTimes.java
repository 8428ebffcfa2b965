package dev.reelbeam.transforms;

import dev.reelbeam.transforms.model.VideoSegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One debug line per decoded segment and per written chunk of keyframes: which worker thread, when
 * it started and ended (epoch ms), how much, and the thread's CPU time. What two workers' speed-up
 * is made of (how evenly the segments end, what the start and the end of a run cost around them) is
 * read from these lines; off unless
 * {@code -Dorg.slf4j.simpleLogger.log.dev.reelbeam.transforms.SegmentTimes=debug}.
 */
final class SegmentTimes {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentTimes.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SegmentTimes() {}

  static boolean enabled() {
    return LOG.isDebugEnabled();
  }

  /** This thread's CPU time in ns, when the lines are on (else 0: nothing is asked of the JVM). */
  static long threadCpuNanos() {
    return enabled() && THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  static void segment(VideoSegment s, long startMillis, long cpuStartNanos, long frames) {
    if (enabled()) {
      work(String.format(Locale.ROOT, "segment %d of %d of %s [%.3f s, %s), frames %d",
          s.index() + 1, s.count(), s.video().videoId(), s.startTime(),
          Double.isInfinite(s.endTime()) ? "end" : String.format(Locale.ROOT, "%.3f s", s.endTime()), frames),
          startMillis, cpuStartNanos);
    }
  }

  /**
   * A segment's start, as it happens: the end of the run's serial start (both JVMs, options, graph,
   * runner, probe, plan) for the first one, readable without waiting for the run to end.
   */
  static void segmentStarts(VideoSegment s, long startMillis) {
    if (enabled()) {
      LOG.debug(String.format(Locale.ROOT, "segment %d of %d of %s starts: thread %s, start %d; JVM started %d",
          s.index() + 1, s.count(), s.video().videoId(), Thread.currentThread().getName(), startMillis,
          ManagementFactory.getRuntimeMXBean().getStartTime()));
    }
  }

  static void work(String what, long startMillis, long cpuStartNanos) {
    if (!enabled()) {
      return;
    }
    long end = System.currentTimeMillis();
    double cpu = (threadCpuNanos() - cpuStartNanos) / 1e9;
    Thread t = Thread.currentThread();
    LOG.debug(String.format(Locale.ROOT,
        "%s: thread %s#%d, start %d, end %d (%.3f s), thread CPU %.3f s; JVM started %d",
        what, t.getName(), t.getId(), startMillis, end, (end - startMillis) / 1e3, cpu,
        ManagementFactory.getRuntimeMXBean().getStartTime()));
  }
}
