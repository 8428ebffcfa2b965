package dev.reelbeam.pipelines;

import dev.reelbeam.pipelines.launch.ProcessFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one whole process, cold, the way a user would, and returns what it cost: {@code java -jar
 * reelbeam.jar ...} (CPU and peak RSS reported by the processes themselves at exit, see
 * {@link ProcessFigures}) or the {@code ffmpeg} program (its own {@code -benchmark} CPU times, and
 * its memory's high-water mark read from {@code /proc/<pid>/status} while it runs). Wall
 * time is measured here, from start to exit. Output goes to a log file beside the outputs.
 */
final class ColdProcess {

  private ColdProcess() {}

  /** Whether an {@code ffmpeg} program is on the PATH. */
  static boolean ffmpegOnPath() {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code java -jar jar args}: a ReelBeam command as a user runs it; fails on a non-zero exit. */
  static ProcessCost reelbeam(Path jar, Path log, String... args) throws IOException, InterruptedException {
    Path figures = log.resolveSibling(log.getFileName() + ".figures");
    Files.deleteIfExists(figures);
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(ProcessFigures.ENV, figures.toString());
    long t0 = System.nanoTime();
    int status = pb.start().waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (status != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed (exit " + status + "); see " + log);
    }
    return ProcessCost.fromFigures(wall, Files.readAllLines(figures, StandardCharsets.UTF_8));
  }

  /**
   * The {@code ffmpeg} program decoding the film's first video stream to nothing, on one thread
   * ({@code threads} 1) or as many as it chooses (null).
   */
  static ProcessCost ffmpegDecode(Path film, Integer threads, Path log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-benchmark"));
    if (threads != null) {
      cmd.addAll(List.of("-threads", threads.toString()));
    }
    cmd.addAll(List.of("-i", film.toString(), "-map", "0:v:0", "-f", "null", "-"));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // ffmpeg's own maxrss is getrusage's, which Linux carries over exec from the process that spawned
    // it: this JVM's peak. Its memory's own high-water mark, read while it runs, is ffmpeg's alone.
    Path status = Paths.get("/proc", Long.toString(p.pid()), "status");
    long hwm = 0;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      try {
        hwm = Math.max(hwm, ProcessFigures.vmHwmKb(Files.readString(status)));
      } catch (IOException e) {
        // it has just ended
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException("ffmpeg failed (exit " + p.exitValue() + "); see " + log);
    }
    ProcessCost c = ProcessCost.fromFfmpegBenchmark(wall, Files.readString(log, StandardCharsets.UTF_8));
    return hwm > 0 ? new ProcessCost(c.wall(), c.user(), c.sys(), hwm) : c;
  }
}
