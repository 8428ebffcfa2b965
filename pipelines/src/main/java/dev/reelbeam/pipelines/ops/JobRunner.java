package dev.reelbeam.pipelines.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.pipelines.ReelBeamOptions;
import dev.reelbeam.transforms.scenes.LiveFrameCount;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * Runs a ReelBeam pipeline with the operations around it: checks free memory and disk before it
 * starts, samples resources with {@code --monitor}, shows progress from the {@link Counters}, stops
 * the job cleanly when memory passes {@code --maxMemoryPct} or free disk falls under {@code
 * --minFreeDiskGb}, and writes {@code logs/reelbeam_<time>.log} and {@code
 * execution_metadata.json} in the output directory.
 *
 * <p>Commands call {@code JobRunner.run(pipeline, options, "run")} and return {@link
 * JobOutcome#exitCode()}. On a safety stop with {@code --flinkMaster=[local]} the embedded job cannot
 * be cancelled from outside; the command's process must exit (the CLI's {@code System.exit}) to end
 * it. Every per-video writer is atomic, so abandoned work leaves no file under a final name.
 */
public final class JobRunner {

  /** Seconds between progress lines when the console is not a terminal. */
  static final int PLAIN_PROGRESS_SECONDS = 10;

  /** Seconds between progress entries in the run log. */
  static final int LOG_PROGRESS_SECONDS = 30;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Pipeline pipeline;
  private final ReelBeamOptions options;
  private final String pipelineName;
  private final Map<String, Object> extra;
  private final Supplier<ResourceSample> probe;
  private final PrintStream console;
  private final boolean terminal;
  private Map<String, Object> flinkJob;

  private JobRunner(
      Pipeline pipeline,
      ReelBeamOptions options,
      String pipelineName,
      Map<String, Object> extra,
      Supplier<ResourceSample> probe,
      PrintStream console) {
    this.pipeline = pipeline;
    this.options = options;
    this.pipelineName = pipelineName;
    this.extra = extra;
    this.probe = probe;
    this.console = console;
    this.terminal = System.console() != null && console == System.out;
  }

  /** Runs {@code p} (built with {@code o}) as the command {@code pipelineName}. */
  public static JobOutcome run(Pipeline p, ReelBeamOptions o, String pipelineName) {
    return run(p, o, pipelineName, Map.of());
  }

  /**
   * As {@link #run(Pipeline, ReelBeamOptions, String)}, adding {@code extraMetadata} (e.g. the
   * stages the command built) to {@code execution_metadata.json}.
   */
  public static JobOutcome run(
      Pipeline p, ReelBeamOptions o, String pipelineName, Map<String, Object> extraMetadata) {
    return new JobRunner(p, o, pipelineName, extraMetadata, null, System.out).execute();
  }

  /** For tests: resource samples from {@code probe} instead of this machine's sampler. */
  static JobOutcome run(
      Pipeline p, ReelBeamOptions o, String pipelineName, Supplier<ResourceSample> probe, PrintStream console) {
    return new JobRunner(p, o, pipelineName, Map.of(), probe, console).execute();
  }

  private JobOutcome execute() {
    LocalDateTime start = LocalDateTime.now();
    long t0 = System.nanoTime();
    LauncherFiles files = LauncherFiles.of(options.getOutput());
    Path out = files.localDir();
    RunLog log;
    try {
      Files.createDirectories(out);
      log = new RunLog(out.resolve("logs").resolve(RunLog.fileName(start)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory or its log in " + out, e);
    }
    JobOutcome outcome;
    try (log) {
      outcome = execute(start, t0, out, log);
    }
    files.publish(console);
    return outcome;
  }

  private JobOutcome execute(LocalDateTime start, long t0, Path out, RunLog log) {
    String runner = options.getRunner().getSimpleName();
    String flinkMaster = isFlink() ? options.as(FlinkPipelineOptions.class).getFlinkMaster() : null;
    String jobName = options.getJobName();
    Map<String, Object> resources = new LinkedHashMap<>();
    Map<String, Double> phases = new LinkedHashMap<>();
    RunContext run = new RunContext(start, t0, out, log, runner, flinkMaster, jobName, resources, phases);
    log.info("ReelBeam " + pipelineName + " starts on " + runner + (flinkMaster != null ? " (" + flinkMaster + ")" : "")
        + ", job " + jobName);
    log.info("options: " + options);
    console.println("ReelBeam " + pipelineName + " on " + runner + (flinkMaster != null ? " " + flinkMaster : "")
        + "; log: " + log.file());

    SafetyLimits limits = new SafetyLimits(options.getMaxMemoryPct(), options.getMinFreeDiskGb());
    Supplier<ResourceSample> sampler = probe != null ? probe : new ResourceSampler(out)::sample;
    String volume = out.toString();

    // Before starting: a job that cannot finish should not begin.
    ResourceSample first = sampler.get();
    resources.put("at_start", sampleJson(first));
    log.info("resources at start: " + first.statusLine());
    Optional<String> early = limits.violation(first, volume);
    phases.put("checks_s", seconds(t0));
    if (early.isPresent()) {
      String reason = "not started: " + early.get();
      log.warn("safety stop: " + reason);
      console.println("Stopped: " + reason);
      return finish(run, JobOutcome.STOPPED, reason, Map.of(), Map.of(), null);
    }

    ResourceMonitor monitor = null;
    if (options.getMonitor()) {
      try {
        monitor = ResourceMonitor.start(
            out.resolve("monitoring").resolve(ResourceMonitor.csvName(start)),
            out,
            Duration.ofMillis(Math.round(options.getMonitorInterval() * 1000)),
            Thresholds.defaults(),
            new ResourceMonitor.Listener() {
              @Override
              public void onSample(ResourceSample s) {
                log.info("resources: " + s.statusLine());
              }

              @Override
              public void onCrossing(Thresholds.Crossing c) {
                log.warn(c.message());
                console.println((terminal ? "\n" : "") + "resources: " + c.message());
              }
            });
        log.info("monitoring every " + options.getMonitorInterval() + " s into " + monitor.csv());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the resource monitor in " + out.resolve("monitoring"), e);
      }
    }

    try {
      return runAndWatch(run, limits, sampler, volume, monitor);
    } finally {
      if (monitor != null) {
        try {
          monitor.close();
        } catch (IOException e) {
          log.error("closing the resource monitor's CSV failed", e);
        }
      }
    }
  }

  private JobOutcome runAndWatch(
      RunContext run,
      SafetyLimits limits,
      Supplier<ResourceSample> sampler,
      String volume,
      ResourceMonitor monitor) {
    if (Runners.isDirect(options)) {
      // Return from run() at once so that progress and safety checks happen while the job runs.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    FlinkRest rest = FlinkRest.isRemote(run.flinkMaster()) ? new FlinkRest(run.flinkMaster()) : null;
    AtomicReference<PipelineResult> result = new AtomicReference<>();
    AtomicReference<PipelineResult.State> state = new AtomicReference<>();
    AtomicReference<Throwable> error = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    long runStart = System.nanoTime();
    long liveBase = LiveFrameCount.now();
    Thread job = new Thread(() -> {
      try {
        PipelineResult r = pipeline.run();
        if (Runners.isDirect(options) && !DirectMonitorBackoff.install(r)) {
          run.log().info("the Direct runner's monitor could not be slowed when idle (unknown Beam version)");
        }
        result.set(r);
        state.set(r.waitUntilFinish());
      } catch (Throwable t) {
        error.set(t);
      } finally {
        done.countDown();
      }
    }, "reelbeam-job");
    job.setDaemon(true);
    job.start();

    String stopReason = null;
    double peakRam = 0;
    double peakRss = 0;
    double minFreeDisk = Double.MAX_VALUE;
    long lastConsole = 0;
    long lastLog = 0;
    boolean progressShown = false;
    try {
      while (!done.await(1, TimeUnit.SECONDS)) {
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        try {
          ResourceSample s = sampler.get();
          peakRam = Math.max(peakRam, s.ramPct());
          peakRss = Math.max(peakRss, s.processRssMb());
          minFreeDisk = Math.min(minFreeDisk, s.diskFreeGb());
          Optional<String> v = limits.violation(s, volume);
          if (v.isPresent()) {
            stopReason = v.get();
            if (progressShown && terminal) {
              console.println();
            }
            run.log().warn("safety stop: " + stopReason + "; cancelling the job");
            console.println("Safety stop: " + stopReason + "; cancelling the job");
            cancel(result.get(), rest, run.jobName(), run.log());
            if (!done.await(60, TimeUnit.SECONDS)) {
              run.log().warn("the job did not end within 60 s of the cancel; leaving it to the process exit");
            }
            break;
          }
        } catch (RuntimeException e) {
          // A failed reading must not stop the job; it is logged with its detail.
          run.log().error("reading resources failed", e);
        }
        long now = System.nanoTime();
        boolean consoleDue = terminal || now - lastConsole >= PLAIN_PROGRESS_SECONDS * 1_000_000_000L;
        boolean logDue = now - lastLog >= LOG_PROGRESS_SECONDS * 1_000_000_000L;
        if (consoleDue || logDue) {
          String line = progressLine(result.get(), rest, run.jobName(), elapsed, liveBase, run.log());
          if (consoleDue) {
            if (terminal) {
              console.print("\r" + line + "   ");
              console.flush();
              progressShown = true;
            } else {
              console.println(line);
            }
            lastConsole = now;
          }
          if (logDue) {
            run.log().info("progress: " + line);
            lastLog = now;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = "interrupted";
      cancel(result.get(), rest, run.jobName(), run.log());
    }
    if (progressShown && terminal) {
      console.println();
    }
    run.phases().put("pipeline_s", seconds(runStart));
    run.resources().put("peak_ram_pct", round(peakRam, 1));
    run.resources().put("peak_process_rss_mb", round(peakRss, 1));
    if (minFreeDisk != Double.MAX_VALUE) {
      run.resources().put("min_free_disk_gb", round(minFreeDisk, 2));
    }
    if (monitor != null) {
      run.resources().put("monitoring_csv", run.out().relativize(monitor.csv().toAbsolutePath()).toString());
      if (monitor.failure() != null) {
        run.log().error("the resource monitor stopped early", monitor.failure());
      }
    }

    if (rest != null) {
      // The Flink job as the cluster ran it: each vertex's parallelism shows how far the work spread.
      try {
        flinkJob = rest.jobSummary(run.jobName());
      } catch (IOException | RuntimeException e) {
        run.log().warn("cannot read the Flink job's summary: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, Map<String, Long>> steps = new TreeMap<>();
    Map<String, Long> counters = new LinkedHashMap<>();
    PipelineResult r = result.get();
    if (r != null) {
      try {
        JobMetrics.collect(r, true, steps, counters);
      } catch (RuntimeException e) {
        run.log().error("reading the job's metrics failed", e);
      }
    }

    String status;
    String reason = "";
    Throwable t = error.get();
    if (stopReason != null) {
      status = JobOutcome.STOPPED;
      reason = stopReason;
    } else if (t != null) {
      status = JobOutcome.FAILED;
      reason = rootMessage(t);
      String failure = "the job failed: " + reason;
      quietly(run.log(), () -> run.log().error(failure, t)); // a full disk may fail the log as it failed the job
    } else if (state.get() != PipelineResult.State.DONE) {
      status = JobOutcome.FAILED;
      reason = "the job ended in state " + state.get();
      run.log().error(reason, null);
    } else {
      status = JobOutcome.COMPLETED;
    }
    return finish(run, status, reason, counters, steps, t);
  }

  private JobOutcome finish(
      RunContext run,
      String status,
      String reason,
      Map<String, Long> counters,
      Map<String, Map<String, Long>> steps,
      Throwable error) {
    OutputStore store = LauncherFiles.of(options.getOutput()).store();
    List<Map<String, Object>> failed = FailedInputs.read(store, run.log());
    if (status.equals(JobOutcome.COMPLETED) && (!failed.isEmpty() || counters.getOrDefault(Counters.ERRORS, 0L) > 0)) {
      status = JobOutcome.COMPLETED_WITH_ERRORS;
      reason = failed.size() + " input(s) failed; see errors/";
    }
    int exit = status.equals(JobOutcome.COMPLETED) ? 0 : 1;
    double total = seconds(run.t0());
    run.phases().put("total_s", round(total, 3));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", pipelineName);
    m.put("film_name", options.getFilm());
    m.put("input_dir", options.getInput());
    m.put("output_dir", store.isLocal() ? run.out().toString() : store.root());
    m.put("workers", options.getWorkers());
    m.put("monitoring_enabled", options.getMonitor());
    m.put("resume_mode", options.getResume());
    m.put("start_time", iso(run.start()));
    m.put("end_time", iso(LocalDateTime.now()));
    m.put("total_duration", round(total, 3));
    m.put("status", status);
    m.put("reason", reason);
    m.put("exit_code", exit);
    m.put("hostname", hostname());
    m.put("user", System.getProperty("user.name"));
    m.put("runner", run.runner());
    if (run.flinkMaster() != null) {
      m.put("flink_master", run.flinkMaster());
      m.put("flink_parallelism", options.as(FlinkPipelineOptions.class).getParallelism());
    }
    m.put("job_name", run.jobName());
    if (flinkJob != null) {
      m.put("flink_job", flinkJob);
    }
    m.put("versions", versions(run.flinkMaster() != null));
    m.put("counters", counters);
    m.put("stage_times_ms", JobMetrics.stageTimes(steps));
    m.put("steps", steps);
    m.put("phases", run.phases());
    m.put("failed_inputs", failed);
    m.put("resources", run.resources());
    m.put("log_file", run.out().relativize(run.log().file().toAbsolutePath()).toString());
    m.putAll(extra);

    String metadata = store.location("execution_metadata.json");
    String metadataNote = metadata;
    try {
      store.write("execution_metadata.json", JSON.writeValueAsBytes(m));
    } catch (IOException e) {
      // A full disk fails the metadata as it failed the job: the console still says why, and exit is 1.
      metadataNote = "not written (" + rootMessage(e) + ")";
      if (exit == 0) {
        status = JobOutcome.FAILED;
        reason = "cannot write " + metadata + ": " + rootMessage(e);
        exit = 1;
      }
      quietly(run.log(), () -> run.log().error("writing " + metadata + " failed", e));
    }

    final String endStatus = status;
    final String endReason = reason;
    final int endExit = exit;
    quietly(run.log(), () -> {
      for (Map.Entry<String, Map<String, Long>> step : steps.entrySet()) {
        run.log().info("step " + step.getKey() + ": " + step.getValue());
      }
      run.log().info("phases: " + run.phases());
      run.log().info("counters: " + counters);
      run.log().info("status " + endStatus + (endReason.isEmpty() ? "" : " (" + endReason + ")") + ", exit " + endExit + ", "
          + String.format(Locale.ROOT, "%.1f s", total));
    });
    String summary = Counters.SUMMARY.stream()
        .filter(counters::containsKey)
        .map(k -> k + " " + counters.get(k))
        .reduce((a, b) -> a + ", " + b)
        .orElse("no counters");
    console.println(String.format(Locale.ROOT, "%s in %s: %s", capitalised(status), Progress.clock(total), summary));
    if (!reason.isEmpty()) {
      console.println("  " + reason);
    }
    if (status.equals(JobOutcome.STOPPED)) {
      // What to do next, since a safety stop is the machine's state and not the input's fault.
      console.println("  every finished video is kept: make room (or change the limit), then rerun with --resume");
    }
    for (Map<String, Object> f : failed) {
      console.println("  failed: " + f.get("input") + " (" + f.get("stage") + ")");
    }
    console.println("  metadata: " + metadataNote + "; log: " + run.log().file());
    List<String> failedInputs = new ArrayList<>();
    failed.forEach(f -> failedInputs.add(String.valueOf(f.get("input"))));
    Path metadataFile = store.isLocal() ? run.out().resolve("execution_metadata.json") : null;
    return new JobOutcome(status, exit, reason, counters, failedInputs, metadataFile, run.log().file(), total);
  }

  private boolean isFlink() {
    return Runners.isFlink(options);
  }

  private void cancel(PipelineResult r, FlinkRest rest, String jobName, RunLog log) {
    try {
      if (r != null) {
        r.cancel();
      } else if (rest != null) {
        int n = rest.cancel(jobName);
        log.info("cancelled " + n + " Flink job(s) named " + jobName);
      } else {
        log.warn("the job has no handle yet (embedded Flink); it ends with this process");
      }
    } catch (IOException | RuntimeException e) {
      log.error("cancelling the job failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String progressLine(
      PipelineResult r, FlinkRest rest, String jobName, double elapsed, long liveBase, RunLog log) {
    if (r != null) {
      Map<String, Long> c = new LinkedHashMap<>();
      try {
        JobMetrics.collect(r, false, new TreeMap<>(), c);
      } catch (RuntimeException e) {
        // Some runners have no metrics while the job runs; show the time only.
        return "running  elapsed " + Progress.clock(elapsed);
      }
      // The counter moves when a bundle ends (with one worker, when the film ends); the live count
      // moves with every frame wherever the job runs in this JVM.
      c.merge(Counters.FRAMES, LiveFrameCount.now() - liveBase, Math::max);
      return Progress.line(c, elapsed);
    }
    if (rest != null) {
      try {
        FlinkRest.Job j = rest.activeJob(jobName);
        if (j != null) {
          return String.format(Locale.ROOT, "Flink job %s %s, tasks finished %d/%d  elapsed %s",
              j.id(), j.state(), j.tasksFinished(), j.tasksTotal(), Progress.clock(elapsed));
        }
      } catch (IOException e) {
        log.warn("Flink REST API: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "running  elapsed " + Progress.clock(elapsed);
  }

  private static Map<String, String> versions(boolean flink) {
    Map<String, String> v = new LinkedHashMap<>();
    String own = JobRunner.class.getPackage().getImplementationVersion();
    v.put("reelbeam", own != null ? own : "0.1.0-SNAPSHOT");
    v.put("beam", ReleaseInfo.getReleaseInfo().getVersion());
    if (flink) {
      try {
        v.put("flink", org.apache.flink.runtime.util.EnvironmentInformation.getVersion());
      } catch (RuntimeException | LinkageError e) {
        v.put("flink", "unknown");
      }
    }
    v.put("java", System.getProperty("java.version"));
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    return v;
  }

  private static Map<String, Object> sampleJson(ResourceSample s) {
    Map<String, Object> m = new LinkedHashMap<>();
    String[] values = s.toCsv().split(",");
    for (int i = 0; i < ResourceSample.COLUMNS.size(); i++) {
      String column = ResourceSample.COLUMNS.get(i);
      m.put(column, i == 0 ? values[i] : column.equals("cpu_cores") ? (Object) Integer.parseInt(values[i])
          : (Object) Double.parseDouble(values[i]));
    }
    return m;
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown";
    }
  }

  private static String iso(LocalDateTime t) {
    return OffsetDateTime.of(t, ZoneId.systemDefault().getRules().getOffset(t))
        .truncatedTo(ChronoUnit.MILLIS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static double seconds(long t0) {
    return round((System.nanoTime() - t0) / 1e9, 3);
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  /** Runs log lines that may fail on a full disk; the console (always written) carries the outcome then. */
  private static void quietly(RunLog log, Runnable logging) {
    try {
      logging.run();
    } catch (UncheckedIOException e) {
      System.err.println("reelbeam: " + e.getMessage() + " (" + rootMessage(e) + ")");
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    boolean hadoop = false;
    while (true) {
      // A cluster's failure arrives as Flink's SerializedThrowable, whose text starts with the
      // original class name: a lost DataNode or NameNode shows as Hadoop's client classes.
      hadoop |= c.getClass().getName().startsWith(HADOOP) || String.valueOf(c).startsWith(HADOOP);
      if (c.getCause() == null || c.getCause() == c) {
        break;
      }
      c = c.getCause();
    }
    String m = c.getMessage();
    String root = c.getClass().getSimpleName() + (m != null ? ": " + m : "");
    // Say which system failed: "BlockMissingException: Could not obtain block" alone does not.
    return hadoop ? "reading or writing HDFS failed (" + root + ")" : root;
  }

  private static final String HADOOP = "org.apache.hadoop.";

  private static String capitalised(String status) {
    String s = status.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
