package dev.reelbeam.pipelines.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A process's own resource figures, written at its end when {@code REELBEAM_PROCESS_FIGURES} names
 * a file: one line per process (the launcher and the program it started each add theirs), as
 * {@code role pid cpu_user_s cpu_sys_s peak_rss_kb}. The benchmark reads them for the cold
 * processes it starts: a JVM's CPU time and peak resident memory are only known from inside it, or
 * from {@code /proc/<pid>} before it is reaped, which Java's {@link Process} does not let a parent do.
 */
public final class ProcessFigures {

  /** The environment variable naming the file. */
  public static final String ENV = "REELBEAM_PROCESS_FIGURES";

  /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Java runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessFigures() {}

  /** Appends this process's line when asked; a failure to write is reported, never fatal. */
  public static void reportIfAsked(String role) {
    String file = System.getenv(ENV);
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      String line = line(role, ProcessHandle.current().pid(),
          Files.readString(Paths.get("/proc/self/stat")), Files.readString(Paths.get("/proc/self/status")));
      Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      System.err.println("reelbeam: could not write the process figures to " + file + ": " + e);
    }
  }

  /** The line for {@code /proc/<pid>/stat} and {@code /proc/<pid>/status} contents. */
  static String line(String role, long pid, String stat, String status) {
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // after ')': state(3) ppid(4) ... utime is field 14 and stime 15 of the whole line
    double user = Long.parseLong(f[14 - 3]) / TICKS_PER_SECOND;
    double sys = Long.parseLong(f[15 - 3]) / TICKS_PER_SECOND;
    return String.format(Locale.ROOT, "%s %d %.2f %.2f %d", role, pid, user, sys, vmHwmKb(status));
  }

  /** {@code VmHWM} (kB), the peak resident memory, of a {@code /proc/<pid>/status} text; 0 when absent. */
  public static long vmHwmKb(String status) {
    return status.lines().filter(l -> l.startsWith("VmHWM:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
  }
}
