package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  /** A sample with the given CPU %, RAM % (of 100 GB) and disk % (of 1000 GB). */
  static ResourceSample sample(double cpu, double ram, double disk) {
    return new ResourceSample(LocalDateTime.of(2026, 1, 2, 3, 4, 5), 8, cpu, ram, 100, 512, disk * 10, 1000, 1.5);
  }

  @Test
  void eachCrossingIsReportedOnce() {
    Thresholds t = Thresholds.defaults();
    List<String> events = new ArrayList<>();
    double[][] series = {
      {10, 50, 50}, // normal
      {86, 50, 50}, // CPU warning
      {90, 50, 50}, // still warning: nothing
      {96, 50, 50}, // CPU critical
      {97, 81, 50}, // RAM warning
      {97, 85, 50}, // nothing new
      {50, 91, 95}, // CPU back to normal, RAM critical, disk critical straight from normal
      {50, 91, 95}, // nothing new
      {50, 70, 91}, // RAM back to normal, disk back to warning
    };
    for (double[] s : series) {
      for (Thresholds.Crossing c : t.observe(sample(s[0], s[1], s[2]))) {
        events.add(c.resource() + ":" + c.from() + "->" + c.to());
      }
    }
    assertEquals(
        List.of(
            "CPU:NORMAL->WARNING",
            "CPU:WARNING->CRITICAL",
            "RAM:NORMAL->WARNING",
            "CPU:CRITICAL->NORMAL",
            "RAM:WARNING->CRITICAL",
            "DISK:NORMAL->CRITICAL",
            "RAM:CRITICAL->NORMAL",
            "DISK:CRITICAL->WARNING"),
        events);
  }

  @Test
  void thresholdsAreTheSeeds() {
    Thresholds t = Thresholds.defaults();
    assertEquals(Thresholds.Level.NORMAL, t.levelOf(Thresholds.Resource.CPU, 84.9));
    assertEquals(Thresholds.Level.WARNING, t.levelOf(Thresholds.Resource.CPU, 85));
    assertEquals(Thresholds.Level.CRITICAL, t.levelOf(Thresholds.Resource.CPU, 95));
    assertEquals(Thresholds.Level.WARNING, t.levelOf(Thresholds.Resource.RAM, 80));
    assertEquals(Thresholds.Level.CRITICAL, t.levelOf(Thresholds.Resource.RAM, 90));
    assertEquals(Thresholds.Level.NORMAL, t.levelOf(Thresholds.Resource.DISK, 89.9));
    assertEquals(Thresholds.Level.WARNING, t.levelOf(Thresholds.Resource.DISK, 90));
    assertEquals(Thresholds.Level.CRITICAL, t.levelOf(Thresholds.Resource.DISK, 95));
  }

  @Test
  void messagesNameTheResourceValueAndLimit() {
    Thresholds t = Thresholds.defaults();
    List<Thresholds.Crossing> up = t.observe(sample(10, 91.24, 10));
    assertEquals("RAM at 91.2% crossed the critical threshold 90%", up.get(0).message());
    List<Thresholds.Crossing> down = t.observe(sample(10, 10, 10));
    assertEquals("RAM back at 10.0%, under the critical threshold 90%", down.get(0).message());
  }

  @Test
  void badThresholdsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Thresholds(95, 85, 80, 90, 90, 95));
  }

  @Test
  void safetyLimitsNameTheReason() {
    SafetyLimits limits = new SafetyLimits(90, 10);
    assertTrue(limits.violation(sample(10, 50, 50), "/out").isEmpty());
    assertEquals(
        "memory use 90.5% (90.5 of 100.0 GB) passed --maxMemoryPct=90",
        limits.violation(sample(10, 90.5, 50), "/out").orElseThrow());
    // 995 of 1000 GB used: 5 GB free.
    assertEquals(
        "free disk on the output volume (/out) is 5.0 GB, under --minFreeDiskGb=10",
        limits.violation(sample(10, 50, 99.5), "/out").orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> new SafetyLimits(0, 10));
  }
}
