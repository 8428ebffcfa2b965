package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.pipelines.ReelBeamOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private ReelBeamOptions options(String... extra) {
    // Test defaults go under the test's own flags, as a runner preset would.
    List<String> args = new ArrayList<>(List.of(extra));
    for (String d : List.of("--runner=DirectRunner", "--output=" + tmp.resolve("out"), "--input=" + tmp.resolve("in"),
        "--film=tiny", "--workers=2", "--minFreeDiskGb=0.1", "--maxMemoryPct=100", "--targetParallelism=2")) {
      String name = d.substring(0, d.indexOf('=') + 1);
      if (args.stream().noneMatch(a -> a.startsWith(name))) {
        args.add(d);
      }
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(ReelBeamOptions.class);
  }

  private JobOutcome run(ReelBeamOptions o, Pipeline p, Supplier<ResourceSample> probe) {
    return JobRunner.run(p, o, "run", probe, new PrintStream(console, true));
  }

  private static Supplier<ResourceSample> realProbe(Path volume) {
    ResourceSampler s = new ResourceSampler(volume);
    return s::sample;
  }

  @Test
  void completedRunWritesMetadataLogAndMonitorCsv() throws Exception {
    ReelBeamOptions o = options("--monitor", "--monitorInterval=0.3");
    Path out = tmp.resolve("out");
    Pipeline p = TinyJob.build(Pipeline.create(o), out.toString(), 6, 50, 300);
    JobOutcome outcome = run(o, p, realProbe(out));

    assertEquals(JobOutcome.COMPLETED, outcome.status(), console.toString());
    assertEquals(0, outcome.exitCode());
    assertEquals(6L, outcome.counters().get(Counters.VIDEOS));
    assertEquals(300L, outcome.counters().get(Counters.FRAMES));
    for (int i = 0; i < 6; i++) {
      assertEquals(TinyJob.expected(i, 50), Files.readString(out.resolve("videos/video" + i + ".txt")));
    }

    JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    List<String> fields = new ArrayList<>();
    m.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of("pipeline", "film_name", "input_dir", "output_dir", "workers", "monitoring_enabled", "resume_mode",
            "start_time", "end_time", "total_duration", "status"),
        fields.subList(0, 11), "the seed's fields first, in its order");
    assertTrue(fields.containsAll(List.of("hostname", "user", "runner", "versions", "counters", "failed_inputs",
        "stage_times_ms", "steps")), fields.toString());
    assertEquals("run", m.get("pipeline").asText());
    assertEquals("tiny", m.get("film_name").asText());
    assertEquals(2, m.get("workers").asInt());
    assertTrue(m.get("monitoring_enabled").asBoolean());
    assertFalse(m.get("resume_mode").asBoolean());
    assertEquals("completed", m.get("status").asText());
    assertEquals("DirectRunner", m.get("runner").asText());
    assertEquals("2.70.0", m.at("/versions/beam").asText());
    assertEquals(6, m.at("/counters/videos").asInt());
    assertTrue(m.get("total_duration").asDouble() > 0);
    assertTrue(m.get("stage_times_ms").fieldNames().next().endsWith("/analyse_ms"), m.get("stage_times_ms").toString());
    assertEquals(0, m.get("failed_inputs").size());

    // The monitor sampled while the job ran (~1 s of work at 0.3 s).
    Path csv = out.resolve(m.at("/resources/monitoring_csv").asText());
    assertTrue(Files.readAllLines(csv).size() >= 2, "monitor samples in " + csv);
    String log = Files.readString(outcome.log());
    assertTrue(outcome.log().getFileName().toString().matches("reelbeam_\\d{8}_\\d{6}\\.log"));
    assertTrue(log.contains("status completed"), log);
    assertTrue(log.contains("analyse_ms"), "stage timings in the log: " + log);
    assertTrue(console.toString().contains("Completed in"), console.toString());
  }

  @Test
  void badInputsAreListedAndExitOne() throws Exception {
    ReelBeamOptions o = options();
    Path out = tmp.resolve("out");
    JobOutcome outcome = run(o, TinyJob.build(Pipeline.create(o), out.toString(), 4, 5, 0, 2), realProbe(out));
    assertEquals(JobOutcome.COMPLETED_WITH_ERRORS, outcome.status());
    assertEquals(1, outcome.exitCode());
    assertEquals(List.of("video2.mp4"), outcome.failedInputs());
    JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    assertEquals("decode", m.at("/failed_inputs/0/stage").asText());
    assertEquals("not a video", m.at("/failed_inputs/0/message").asText());
    assertEquals("java.io.IOException", m.at("/failed_inputs/0/exception_class").asText());
    assertTrue(Files.readString(outcome.log()).contains("not a video"), "error detail in the log");
    assertTrue(console.toString().contains("failed: video2.mp4"), console.toString());
  }

  @Test
  void tooLittleDiskStopsBeforeStarting() throws Exception {
    ReelBeamOptions o = options("--minFreeDiskGb=1000000");
    Path out = tmp.resolve("out");
    JobOutcome outcome = JobRunner.run(TinyJob.build(Pipeline.create(o), out.toString(), 3, 5, 0), o, "run");
    assertEquals(JobOutcome.STOPPED, outcome.status());
    assertEquals(1, outcome.exitCode());
    assertTrue(outcome.reason().contains("--minFreeDiskGb=1000000"), outcome.reason());
    assertFalse(Files.exists(out.resolve("videos")), "nothing ran");
    JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    assertEquals("stopped", m.get("status").asText());
    assertEquals(1, m.get("exit_code").asInt());
    assertTrue(m.get("reason").asText().startsWith("not started: free disk"), m.get("reason").asText());
  }

  private static long finished(Path out) {
    try (Stream<Path> files = Files.list(out.resolve("videos"))) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".tmp-")).count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  @Test
  void memoryPastTheLimitWhileRunningCancelsTheJob() throws Exception {
    Path out = tmp.resolve("out");
    // Real readings; once two videos are done, memory reads 95% (as when a film's frames pile up).
    ResourceSampler real = new ResourceSampler(out);
    Supplier<ResourceSample> probe = () -> {
      ResourceSample s = real.sample();
      if (finished(out) < 2) {
        return s;
      }
      return new ResourceSample(s.time(), s.cpuCores(), s.cpuUsagePct(), 0.95 * s.ramTotalGb(), s.ramTotalGb(),
          s.processRssMb(), s.diskUsedGb(), s.diskTotalGb(), s.loadAverage1m());
    };
    ReelBeamOptions o = options("--maxMemoryPct=90");
    // 40 videos of 0.5 s on 2 threads: 10 s of work, stopped after about 1 s of it.
    JobOutcome outcome = run(o, TinyJob.build(Pipeline.create(o), out.toString(), 40, 20, 500), probe);

    // The Direct runner lets the elements in flight at the cancel finish (the CLI's exit ends them);
    // let them settle, then no new work may start.
    long before = -1;
    for (int i = 0; i < 20 && finished(out) != before; i++) {
      before = finished(out);
      Thread.sleep(1000);
    }
    assertEquals(JobOutcome.STOPPED, outcome.status(), console.toString());
    assertEquals(1, outcome.exitCode());
    assertTrue(outcome.reason().startsWith("memory use 95.0%"), outcome.reason());
    assertTrue(console.toString().contains("then rerun with --resume"), console.toString());
    assertTrue(outcome.seconds() < 9, "stopped early: " + outcome.seconds());
    JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    assertEquals("stopped", m.get("status").asText());
    assertTrue(m.get("reason").asText().contains("--maxMemoryPct=90"));
    // Work in flight was abandoned: fewer outputs than videos, and every file under a final name is whole.
    List<Path> done;
    try (Stream<Path> files = Files.list(out.resolve("videos"))) {
      done = files.filter(f -> !f.getFileName().toString().startsWith(".tmp-")).toList();
    }
    assertTrue(done.size() >= 2 && done.size() < 40, "outputs: " + done.size());
    for (Path f : done) {
      int id = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
      assertEquals(TinyJob.expected(id, 20), Files.readString(f), f.toString());
    }
    assertTrue(console.toString().contains("Safety stop: memory use"), console.toString());
  }
}
