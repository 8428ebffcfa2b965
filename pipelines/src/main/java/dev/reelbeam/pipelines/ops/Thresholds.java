package dev.reelbeam.pipelines.ops;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warning and critical levels for CPU, memory and disk use (the seed's: CPU 85/95, RAM 80/90, disk
 * 90/95 percent), and the memory of which level each resource is at, so that a crossing is reported
 * once when it happens, not on every sample: rising to warning, rising to critical, and falling back
 * (to warning or normal) are each one event.
 */
public final class Thresholds {

  /** The resources watched. */
  public enum Resource {
    CPU("CPU"),
    RAM("RAM"),
    DISK("disk");

    final String label;

    Resource(String label) {
      this.label = label;
    }
  }

  /** How far a resource is over its limits. */
  public enum Level {
    NORMAL,
    WARNING,
    CRITICAL
  }

  /** A change of level, to be logged once. */
  public record Crossing(Resource resource, Level from, Level to, double valuePct, double limitPct) {
    /** One log line, e.g. "RAM at 91.2% crossed the critical threshold 90%". */
    public String message() {
      if (to.ordinal() > from.ordinal()) {
        return String.format(
            Locale.ROOT,
            "%s at %.1f%% crossed the %s threshold %.0f%%",
            resource.label,
            valuePct,
            to.name().toLowerCase(Locale.ROOT),
            limitPct);
      }
      return String.format(
          Locale.ROOT,
          "%s back at %.1f%%, under the %s threshold %.0f%%",
          resource.label,
          valuePct,
          from.name().toLowerCase(Locale.ROOT),
          limitPct);
    }
  }

  private final Map<Resource, double[]> limits = new EnumMap<>(Resource.class);
  private final Map<Resource, Level> levels = new EnumMap<>(Resource.class);

  /** The seed's thresholds. */
  public static Thresholds defaults() {
    return new Thresholds(85, 95, 80, 90, 90, 95);
  }

  /** Warning and critical percentages per resource; each warning must be below its critical. */
  public Thresholds(
      double cpuWarning,
      double cpuCritical,
      double ramWarning,
      double ramCritical,
      double diskWarning,
      double diskCritical) {
    put(Resource.CPU, cpuWarning, cpuCritical);
    put(Resource.RAM, ramWarning, ramCritical);
    put(Resource.DISK, diskWarning, diskCritical);
  }

  private void put(Resource r, double warning, double critical) {
    if (!(warning > 0 && warning < critical && critical <= 100)) {
      throw new IllegalArgumentException(
          r.label + " thresholds must satisfy 0 < warning < critical <= 100, got " + warning + "/" + critical);
    }
    limits.put(r, new double[] {warning, critical});
    levels.put(r, Level.NORMAL);
  }

  /** The level {@code valuePct} is at for {@code r}, without remembering it. */
  public Level levelOf(Resource r, double valuePct) {
    double[] l = limits.get(r);
    return valuePct >= l[1] ? Level.CRITICAL : valuePct >= l[0] ? Level.WARNING : Level.NORMAL;
  }

  /** The level {@code r} was at after the last sample. */
  public Level current(Resource r) {
    return levels.get(r);
  }

  /** Takes in a sample and returns the crossings it makes (none while levels stay the same). */
  public synchronized List<Crossing> observe(ResourceSample s) {
    List<Crossing> out = new ArrayList<>();
    observe(Resource.CPU, s.cpuUsagePct(), out);
    observe(Resource.RAM, s.ramPct(), out);
    observe(Resource.DISK, s.diskPct(), out);
    return out;
  }

  private void observe(Resource r, double value, List<Crossing> out) {
    Level before = levels.get(r);
    Level now = levelOf(r, value);
    if (now != before) {
      double[] l = limits.get(r);
      // Rising: the limit just reached; falling: the limit just left.
      Level limitLevel = now.ordinal() > before.ordinal() ? now : before;
      double limit = limitLevel == Level.CRITICAL ? l[1] : l[0];
      out.add(new Crossing(r, before, now, value, limit));
      levels.put(r, now);
    }
  }
}
