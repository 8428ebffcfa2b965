package dev.reelbeam.pipelines.ops;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.PipelineResult;

/**
 * Keeps the Direct runner's monitor from spinning on an idle worker thread.
 *
 * <p>The Direct runner drives a pipeline with a monitor task that, each time it runs, looks for
 * fired timers and finished bundles, schedules what they enable, and submits itself again to the
 * same pool the bundles run on, at once (apache/beam#18070, open). Whenever a pool thread has no
 * bundle to run, it runs the monitor over and over: with {@code --workers=2} and one long bundle
 * (a film in one segment, the slower of two segments, the knowledge base's embedding) one core
 * spins for as long as that bundle runs. A cold {@code stage1 --workers=2} of the 1-minute 1080p
 * film spent 7.4 s of its 16.3 s of CPU in that loop (async-profiler, loaded machine).
 *
 * <p>This wraps the runner's pool so that the monitor is resubmitted at once when the pool has
 * taken new work since its last run (the monitor scheduled bundles, or bundles scheduled
 * follow-ups), and otherwise after a delay that doubles from {@value #MIN_DELAY_MICROS} µs to
 * {@value #MAX_DELAY_MICROS} µs while nothing happens: a finished bundle waits at most about as
 * long as the pool had been idle (and never more than the cap) for the monitor to see it. Only
 * the order of the runner's bookkeeping in time changes, never what it computes. When the runner
 * is not the Direct runner this version knows (its fields are found by name), nothing is changed.
 */
public final class DirectMonitorBackoff implements ExecutorService {
  static final long MIN_DELAY_MICROS = 100;
  static final long MAX_DELAY_MICROS = 10_000;
  private static final String RESULT = "org.apache.beam.runners.direct.DirectRunner$DirectPipelineResult";

  private final ThreadPoolExecutor pool;
  private final Class<?> monitorOwner;
  private final ScheduledExecutorService timer;
  private long monitorSubmits;
  private long lastOtherTasks = -1;
  private long delayMicros;

  private DirectMonitorBackoff(ThreadPoolExecutor pool, Class<?> monitorOwner) {
    this.pool = pool;
    this.monitorOwner = monitorOwner;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "reelbeam-direct-monitor-backoff");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
  }

  /**
   * Installs the backoff on a running Direct pipeline ({@code blockOnRun=false}, so that
   * {@code run()} returned while it runs).
   *
   * @return whether it was installed (false for other runners and unknown Direct runner versions)
   */
  public static boolean install(PipelineResult result) {
    if (result == null || !RESULT.equals(result.getClass().getName())) {
      return false;
    }
    try {
      Object executor = read(result, "executor");
      Field poolField = executor.getClass().getDeclaredField("executorService");
      poolField.setAccessible(true);
      if (!(poolField.get(executor) instanceof ThreadPoolExecutor pool)) {
        return false;
      }
      poolField.set(executor, new DirectMonitorBackoff(pool, executor.getClass()));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Object read(Object o, String name) throws ReflectiveOperationException {
    Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  /** The monitor is the runner executor's own anonymous Runnable; bundles are other classes. */
  private boolean isMonitor(Runnable r) {
    Class<?> c = r.getClass();
    return c.isAnonymousClass() && c.getEnclosingClass() == monitorOwner;
  }

  @Override
  public Future<?> submit(Runnable task) {
    if (!isMonitor(task)) {
      return pool.submit(task);
    }
    long delay = nextDelayMicros();
    if (delay == 0) {
      return pool.submit(task);
    }
    timer.schedule(() -> {
      try {
        pool.execute(task);
      } catch (RejectedExecutionException ended) {
        // the pipeline ended (or was cancelled) while the monitor waited: nothing is left to drive
      }
    }, delay, TimeUnit.MICROSECONDS);
    return CompletableFuture.completedFuture(null); // the runner drops the monitor's future
  }

  /** 0 when the pool took work besides the monitor since the monitor's last resubmission. */
  private synchronized long nextDelayMicros() {
    long others = pool.getTaskCount() - monitorSubmits;
    monitorSubmits++;
    if (others != lastOtherTasks) {
      lastOtherTasks = others;
      delayMicros = 0;
    } else {
      delayMicros = delayMicros == 0 ? MIN_DELAY_MICROS : Math.min(MAX_DELAY_MICROS, delayMicros * 2);
    }
    return delayMicros;
  }

  @Override
  public void execute(Runnable command) {
    pool.execute(command);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return pool.submit(task, result);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
      throws InterruptedException {
    return pool.invokeAll(tasks);
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) throws InterruptedException {
    return pool.invokeAll(tasks, timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    return pool.invokeAny(tasks);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return pool.invokeAny(tasks, timeout, unit);
  }

  @Override
  public void shutdown() {
    timer.shutdownNow();
    pool.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    timer.shutdownNow();
    return pool.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }
}
