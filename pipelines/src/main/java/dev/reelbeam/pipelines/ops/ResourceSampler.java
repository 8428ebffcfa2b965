package dev.reelbeam.pipelines.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads the machine's resources through OSHI, and the output volume through its {@link FileStore}.
 * CPU use is measured between two readings, so the first {@link #sample()} covers the time since
 * construction. Not thread-safe: one sampler per sampling thread.
 */
public final class ResourceSampler {

  private static final double GB = 1024.0 * 1024 * 1024;
  private static final double MB = 1024.0 * 1024;

  private final Path volume;
  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OperatingSystem os;
  private final int pid;
  private long[] previousTicks;

  /** Samples the machine and the volume holding {@code volume} (the nearest existing ancestor). */
  public ResourceSampler(Path volume) {
    this.volume = nearestExisting(volume.toAbsolutePath());
    SystemInfo system = new SystemInfo();
    this.processor = system.getHardware().getProcessor();
    this.memory = system.getHardware().getMemory();
    this.os = system.getOperatingSystem();
    this.pid = os.getProcessId();
    this.previousTicks = processor.getSystemCpuLoadTicks();
  }

  /** The directory whose volume is measured. */
  public Path volume() {
    return volume;
  }

  /** Reads everything now. */
  public ResourceSample sample() {
    double cpu = 100.0 * processor.getSystemCpuLoadBetweenTicks(previousTicks);
    previousTicks = processor.getSystemCpuLoadTicks();
    long total = memory.getTotal();
    long used = total - memory.getAvailable();
    OSProcess self = os.getProcess(pid);
    double rss = self == null ? 0 : self.getResidentMemory() / MB;
    double diskTotal;
    double diskFree;
    try {
      FileStore store = Files.getFileStore(volume);
      diskTotal = store.getTotalSpace() / GB;
      diskFree = store.getUsableSpace() / GB;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the volume of " + volume, e);
    }
    double load = processor.getSystemLoadAverage(1)[0];
    return new ResourceSample(
        LocalDateTime.now(),
        processor.getLogicalProcessorCount(),
        Math.max(0, Math.min(100, cpu)),
        used / GB,
        total / GB,
        rss,
        diskTotal - diskFree,
        diskTotal,
        load < 0 ? -1 : load);
  }

  private static Path nearestExisting(Path path) {
    Path p = path;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? path.getRoot() : p;
  }
}
