package dev.reelbeam.pipelines.ops;

import java.util.Locale;
import java.util.Optional;

/**
 * The limits at which a job stops cleanly instead of running the machine out of memory or disk:
 * memory use above {@code --maxMemoryPct}, free space on the output volume under {@code
 * --minFreeDiskGb}. Checked before a job starts and on every poll while it runs.
 */
public record SafetyLimits(double maxMemoryPct, double minFreeDiskGb) {

  public SafetyLimits {
    if (!(maxMemoryPct > 0 && maxMemoryPct <= 100)) {
      throw new IllegalArgumentException("--maxMemoryPct must be in (0, 100], got " + maxMemoryPct);
    }
    if (!(minFreeDiskGb >= 0)) {
      throw new IllegalArgumentException("--minFreeDiskGb must be >= 0, got " + minFreeDiskGb);
    }
  }

  /** Why {@code s} is over a limit, or empty when it is not. */
  public Optional<String> violation(ResourceSample s, String volume) {
    if (s.ramPct() > maxMemoryPct) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "memory use %.1f%% (%.1f of %.1f GB) passed --maxMemoryPct=%s",
              s.ramPct(),
              s.ramUsedGb(),
              s.ramTotalGb(),
              plain(maxMemoryPct)));
    }
    if (s.diskFreeGb() < minFreeDiskGb) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "free disk on the output volume (%s) is %.1f GB, under --minFreeDiskGb=%s",
              volume,
              s.diskFreeGb(),
              plain(minFreeDiskGb)));
    }
    return Optional.empty();
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
