package dev.reelbeam.pipelines.ops;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One reading of the machine's resources: CPU, memory, this process's resident memory, and the
 * volume that holds the output.
 *
 * @param time local time of the reading
 * @param cpuCores logical processors
 * @param cpuUsagePct CPU use of the whole machine since the previous reading, 0-100
 * @param ramUsedGb memory in use (total minus available), GB
 * @param ramTotalGb physical memory, GB
 * @param processRssMb resident memory of this JVM, MB
 * @param diskUsedGb used space of the output volume, GB (total minus usable)
 * @param diskTotalGb size of the output volume, GB
 * @param loadAverage1m one-minute load average, or -1 where the system has none
 */
public record ResourceSample(
    LocalDateTime time,
    int cpuCores,
    double cpuUsagePct,
    double ramUsedGb,
    double ramTotalGb,
    double processRssMb,
    double diskUsedGb,
    double diskTotalGb,
    double loadAverage1m) {

  /** The CSV columns, in order (issue 6). */
  public static final List<String> COLUMNS =
      List.of(
          "timestamp",
          "cpu_cores",
          "cpu_usage_pct",
          "ram_used_gb",
          "ram_total_gb",
          "ram_pct",
          "process_rss_mb",
          "disk_used_gb",
          "disk_total_gb",
          "disk_pct",
          "load_avg_1m");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  /** Memory in use, percent of physical memory. */
  public double ramPct() {
    return ramTotalGb <= 0 ? 0 : 100.0 * ramUsedGb / ramTotalGb;
  }

  /** Used space of the output volume, percent. */
  public double diskPct() {
    return diskTotalGb <= 0 ? 0 : 100.0 * diskUsedGb / diskTotalGb;
  }

  /** Free (usable) space of the output volume, GB. */
  public double diskFreeGb() {
    return diskTotalGb - diskUsedGb;
  }

  /** This sample as one CSV line (no line break), in the order of {@link #COLUMNS}. */
  public String toCsv() {
    return String.join(
        ",",
        TIME.format(time),
        Integer.toString(cpuCores),
        fmt(cpuUsagePct, 1),
        fmt(ramUsedGb, 2),
        fmt(ramTotalGb, 2),
        fmt(ramPct(), 1),
        fmt(processRssMb, 1),
        fmt(diskUsedGb, 2),
        fmt(diskTotalGb, 2),
        fmt(diskPct(), 1),
        fmt(loadAverage1m, 2));
  }

  /** A short status line for the console. */
  public String statusLine() {
    return String.format(
        Locale.ROOT,
        "%s  CPU %5.1f%% of %d  RAM %.1f/%.1f GB (%.0f%%)  RSS %.0f MB  disk %.0f/%.0f GB (%.0f%%)  load %.2f",
        TIME.format(time),
        cpuUsagePct,
        cpuCores,
        ramUsedGb,
        ramTotalGb,
        ramPct(),
        processRssMb,
        diskUsedGb,
        diskTotalGb,
        diskPct(),
        loadAverage1m);
  }

  static String fmt(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
