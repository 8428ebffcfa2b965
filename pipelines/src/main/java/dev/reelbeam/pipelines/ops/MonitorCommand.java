package dev.reelbeam.pipelines.ops;

import dev.reelbeam.pipelines.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code reelbeam monitor [--interval=10] [--once] [--logDir=monitoring]}: the resource sampler on
 * its own, in the foreground. Prints a status line per sample and each threshold crossing, writes
 * {@code <logDir>/resources_<time>.csv}, and on SIGINT/SIGTERM (Ctrl-C, kill) stops through a
 * shutdown hook with every sample taken in the CSV. Disk figures are for the volume of {@code
 * logDir}.
 */
public final class MonitorCommand implements Command {

  private final PrintStream console;

  public MonitorCommand() {
    this(System.out);
  }

  MonitorCommand(PrintStream console) {
    this.console = console;
  }

  @Override
  public String name() {
    return "monitor";
  }

  @Override
  public String summary() {
    return "sample CPU, memory and disk into a CSV until stopped ([--interval=10] [--once] [--logDir=DIR])";
  }

  @Override
  public int run(String[] args) throws IOException, InterruptedException {
    double interval = 10;
    boolean once = false;
    Path logDir = Path.of("monitoring");
    for (String arg : args) {
      if (arg.equals("--once")) {
        once = true;
      } else if (arg.startsWith("--interval=")) {
        try {
          interval = Double.parseDouble(arg.substring("--interval=".length()));
        } catch (NumberFormatException e) {
          interval = -1;
        }
        if (!(interval >= 0.1)) {
          console.println("monitor: --interval must be a number of seconds, at least 0.1: " + arg);
          return CANNOT_START;
        }
      } else if (arg.startsWith("--logDir=")) {
        logDir = Path.of(arg.substring("--logDir=".length()));
      } else if (arg.equals("--help") || arg.equals("-h")) {
        console.println("reelbeam monitor: " + summary());
        return OK;
      } else {
        console.println("monitor: unknown flag " + arg + "; usage: " + summary());
        return CANNOT_START;
      }
    }

    Path csv = logDir.resolve(ResourceMonitor.csvName(LocalDateTime.now()));
    ResourceMonitor.Listener listener =
        new ResourceMonitor.Listener() {
          @Override
          public void onSample(ResourceSample s) {
            console.println(s.statusLine());
          }

          @Override
          public void onCrossing(Thresholds.Crossing c) {
            console.println("  " + c.message());
          }
        };

    if (once) {
      try (ResourceMonitor m =
          ResourceMonitor.start(csv, logDir, Duration.ofDays(1), Thresholds.defaults(), listener)) {
        // CPU use is measured over an interval: one second, then one sample.
        Thread.sleep(1000);
        m.sampleNow();
      }
      console.println("CSV: " + csv);
      return OK;
    }

    ResourceMonitor monitor =
        ResourceMonitor.start(
            csv, logDir, Duration.ofMillis(Math.round(interval * 1000)), Thresholds.defaults(), listener);
    console.println("Monitoring every " + interval + " s into " + csv + " (Ctrl-C to stop)");
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              try {
                monitor.close();
                console.println("Monitor stopped; CSV complete: " + csv);
              } catch (IOException e) {
                console.println("Monitor stopped; closing " + csv + " failed: " + e);
              } finally {
                stopped.countDown();
              }
            },
            "reelbeam-monitor-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    // Runs until the JVM is asked to stop; the hook closes the CSV, then the JVM exits.
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (monitor.failure() != null) {
        console.println("monitor: sampling failed: " + monitor.failure());
        Runtime.getRuntime().removeShutdownHook(hook);
        monitor.close();
        return SOME_FAILED;
      }
    }
    return OK;
  }

  /** {@code java -cp reelbeam.jar dev.reelbeam.pipelines.ops.MonitorCommand [flags]}. */
  public static void main(String[] args) throws Exception {
    System.exit(new MonitorCommand().run(args));
  }
}
