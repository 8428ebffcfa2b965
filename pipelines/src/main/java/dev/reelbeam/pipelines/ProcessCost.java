package dev.reelbeam.pipelines;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one whole process cost: wall seconds (measured by the parent, start to exit), CPU seconds
 * (user and system, every thread) and peak resident memory. NaN and 0 for a run not made.
 */
record ProcessCost(double wall, double user, double sys, long peakRssKb) {

  static final ProcessCost NONE = new ProcessCost(Double.NaN, Double.NaN, Double.NaN, 0);

  private static final Pattern FFMPEG_TIMES =
      Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");
  private static final Pattern FFMPEG_RSS = Pattern.compile("bench: maxrss=([0-9]+)(k|ki)B", Pattern.CASE_INSENSITIVE);

  double cpu() {
    return user + sys;
  }

  boolean made() {
    return !Double.isNaN(wall);
  }

  /**
   * A ReelBeam process from the lines its processes wrote at exit ({@code role pid user sys
   * peak_rss_kb}, see {@code ProcessFigures}): the launcher's and the program's CPU add up, and so
   * do their peaks, as both are resident while the program runs (the launcher's is ~40 MB).
   */
  static ProcessCost fromFigures(double wall, List<String> lines) {
    double user = 0;
    double sys = 0;
    long rss = 0;
    int n = 0;
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 5) {
        continue;
      }
      user += Double.parseDouble(f[2]);
      sys += Double.parseDouble(f[3]);
      rss += Long.parseLong(f[4]);
      n++;
    }
    if (n == 0) {
      throw new IllegalArgumentException("no process figures were written");
    }
    return new ProcessCost(wall, user, sys, rss);
  }

  /** The {@code ffmpeg} program's own figures from its {@code -benchmark} lines on standard error. */
  static ProcessCost fromFfmpegBenchmark(double wall, String stderr) {
    Matcher t = FFMPEG_TIMES.matcher(stderr);
    Matcher m = FFMPEG_RSS.matcher(stderr);
    if (!t.find() || !m.find()) {
      throw new IllegalArgumentException("ffmpeg printed no -benchmark figures");
    }
    return new ProcessCost(wall, Double.parseDouble(t.group(1)), Double.parseDouble(t.group(2)), Long.parseLong(m.group(1)));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "wall %.1f s, CPU %.1f s (user %.1f, sys %.1f), peak RSS %d MB",
        wall, cpu(), user, sys, peakRssKb >> 10);
  }
}
