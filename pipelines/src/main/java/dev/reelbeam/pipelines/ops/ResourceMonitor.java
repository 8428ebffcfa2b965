package dev.reelbeam.pipelines.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples resources every interval on a background thread into {@code resources_<time>.csv}, and
 * reports each threshold crossing once. Every line is flushed as it is written, so the CSV is
 * complete up to the last sample whenever the process stops; {@link #close()} takes no further
 * samples and closes the file.
 */
public final class ResourceMonitor implements AutoCloseable {

  /** File name of the CSV for a run started at {@code start}. */
  public static String csvName(LocalDateTime start) {
    return "resources_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(start) + ".csv";
  }

  /** What happens on each sample and each crossing (both called on the sampling thread). */
  public interface Listener {
    void onSample(ResourceSample sample);

    void onCrossing(Thresholds.Crossing crossing);
  }

  private final Path csv;
  private final BufferedWriter out;
  private final ResourceSampler sampler;
  private final Thresholds thresholds;
  private final Listener listener;
  private final ScheduledExecutorService timer;
  private volatile ResourceSample latest;
  private volatile Throwable failure;
  private boolean closed;

  private ResourceMonitor(Path csv, ResourceSampler sampler, Thresholds thresholds, Listener listener)
      throws IOException {
    this.csv = csv;
    this.sampler = sampler;
    this.thresholds = thresholds;
    this.listener = listener;
    Files.createDirectories(csv.toAbsolutePath().getParent());
    this.out =
        Files.newBufferedWriter(
            csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    out.write(String.join(",", ResourceSample.COLUMNS));
    out.newLine();
    out.flush();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "reelbeam-resource-monitor");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts sampling every {@code interval} (the first sample after one interval, so that CPU use
   * covers a whole interval) into {@code csv}, measuring the volume of {@code volume}.
   */
  public static ResourceMonitor start(
      Path csv, Path volume, Duration interval, Thresholds thresholds, Listener listener)
      throws IOException {
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("monitor interval must be at least 0.1 s, got " + interval);
    }
    ResourceMonitor m = new ResourceMonitor(csv, new ResourceSampler(volume), thresholds, listener);
    m.timer.scheduleAtFixedRate(m::sampleSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return m;
  }

  /** Takes one sample now, writes and reports it; for {@code monitor --once} and tests. */
  public synchronized ResourceSample sampleNow() throws IOException {
    if (closed) {
      throw new IllegalStateException("monitor closed");
    }
    ResourceSample s = sampler.sample();
    out.write(s.toCsv());
    out.newLine();
    out.flush();
    latest = s;
    listener.onSample(s);
    for (Thresholds.Crossing c : thresholds.observe(s)) {
      listener.onCrossing(c);
    }
    return s;
  }

  private void sampleSafely() {
    try {
      synchronized (this) {
        if (!closed) {
          sampleNow();
        }
      }
    } catch (IOException | RuntimeException e) {
      // A failed sample stops the monitor (a scheduled task that throws is not rescheduled); the
      // failure is kept and reported by failure(), not swallowed.
      failure = e;
      throw e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
    }
  }

  /** The CSV file. */
  public Path csv() {
    return csv;
  }

  /** The last sample, or null before the first. */
  public ResourceSample latest() {
    return latest;
  }

  /** Why sampling stopped early, or null. */
  public Throwable failure() {
    return failure;
  }

  /** Stops sampling (waiting for a sample in progress) and closes the CSV. Idempotent. */
  @Override
  public void close() throws IOException {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (!closed) {
        closed = true;
        out.close();
      }
    }
  }
}
