package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMonitorTest {

  @TempDir Path tmp;

  @Test
  void writesTheIssuesColumnsWithRealReadings() throws Exception {
    Path csv = tmp.resolve("monitoring").resolve(ResourceMonitor.csvName(LocalDateTime.of(2026, 11, 29, 14, 5, 9)));
    assertEquals("resources_20261129_140509.csv", csv.getFileName().toString());
    List<ResourceSample> seen = new CopyOnWriteArrayList<>();
    // Thresholds low enough that this machine crosses the RAM or disk warning on the first sample.
    Thresholds low = new Thresholds(0.001, 99.999, 0.001, 99.999, 0.001, 99.999);
    List<Thresholds.Crossing> crossings = new CopyOnWriteArrayList<>();
    try (ResourceMonitor m =
        ResourceMonitor.start(csv, tmp, Duration.ofMillis(200), low, new ResourceMonitor.Listener() {
          @Override
          public void onSample(ResourceSample s) {
            seen.add(s);
          }

          @Override
          public void onCrossing(Thresholds.Crossing c) {
            crossings.add(c);
          }
        })) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        "timestamp,cpu_cores,cpu_usage_pct,ram_used_gb,ram_total_gb,ram_pct,process_rss_mb,"
            + "disk_used_gb,disk_total_gb,disk_pct,load_avg_1m",
        lines.get(0));
    assertTrue(lines.size() - 1 >= 3, "samples: " + (lines.size() - 1));
    assertEquals(seen.size(), lines.size() - 1, "every sample reported is in the CSV, and no more");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertEquals(11, f.length, line);
      assertTrue(f[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), line);
      assertEquals(Runtime.getRuntime().availableProcessors(), Integer.parseInt(f[1]), line);
      double cpu = Double.parseDouble(f[2]);
      assertTrue(cpu >= 0 && cpu <= 100, line);
      assertTrue(Double.parseDouble(f[4]) > 0.5, "RAM total in GB: " + line);
      assertTrue(Double.parseDouble(f[6]) > 20, "this JVM's RSS in MB: " + line);
      assertTrue(Double.parseDouble(f[8]) > 0, "disk total: " + line);
    }
    // RAM and disk are above 0.001% on any machine: one crossing each, on the first sample only.
    assertEquals(1, crossings.stream().filter(c -> c.resource() == Thresholds.Resource.RAM).count(), crossings.toString());
    assertEquals(1, crossings.stream().filter(c -> c.resource() == Thresholds.Resource.DISK).count(), crossings.toString());
  }

  @Test
  void monitorOnceWritesOneSample() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int exit = new MonitorCommand(new java.io.PrintStream(bytes, true)).run(
        new String[] {"--once", "--logDir=" + tmp.resolve("mon")});
    assertEquals(0, exit, bytes.toString());
    try (var files = Files.list(tmp.resolve("mon"))) {
      Path csv = files.findFirst().orElseThrow();
      assertTrue(csv.getFileName().toString().matches("resources_\\d{8}_\\d{6}\\.csv"), csv.toString());
      assertEquals(2, Files.readAllLines(csv).size());
    }
    assertTrue(bytes.toString().contains("CPU"), bytes.toString());
  }

  @Test
  void monitorRejectsBadFlags() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    MonitorCommand c = new MonitorCommand(new java.io.PrintStream(bytes, true));
    assertEquals(2, c.run(new String[] {"--interval=0"}));
    assertEquals(2, c.run(new String[] {"--bogus"}));
  }

  @Test
  void monitorStopsCleanlyOnSigterm() throws Exception {
    Path dir = tmp.resolve("sig");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            MonitorCommand.class.getName(), "--interval=0.2", "--logDir=" + dir)
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("monitor.out").toFile())
        .start();
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline && countSamples(dir) < 3) {
        Thread.sleep(100);
      }
      assertTrue(countSamples(dir) >= 3, "no samples: " + Files.readString(tmp.resolve("monitor.out")));
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "monitor did not stop on SIGTERM");
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(tmp.resolve("monitor.out"));
    assertTrue(out.contains("Monitor stopped; CSV complete"), out);
    try (var files = Files.list(dir)) {
      Path csv = files.findFirst().orElseThrow();
      String text = Files.readString(csv);
      assertTrue(text.endsWith("\n"), "last line complete");
      for (String line : text.strip().split("\n")) {
        assertEquals(11, line.split(",").length, line);
      }
      // Every status line printed has its row in the CSV.
      long printed = out.lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.* CPU .*")).count();
      assertEquals(printed, text.strip().split("\n").length - 1, out);
    }
  }

  private static long countSamples(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      Path csv = files.findFirst().orElse(null);
      return csv == null ? 0 : Math.max(0, Files.readAllLines(csv).size() - 1);
    }
  }
}
