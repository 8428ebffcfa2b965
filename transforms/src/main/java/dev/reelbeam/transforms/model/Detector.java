package dev.reelbeam.transforms.model;

import java.util.Locale;

/** PySceneDetect's five detectors, by the name ReelBeam's flag and PySceneDetect's class give them. */
public enum Detector {
  CONTENT("ContentDetector"),
  ADAPTIVE("AdaptiveDetector"),
  HASH("HashDetector"),
  HISTOGRAM("HistogramDetector"),
  THRESHOLD("ThresholdDetector");

  private final String className;

  Detector(String className) {
    this.className = className;
  }

  /** PySceneDetect's class name, as the scenes JSON and the manifest record it. */
  public String className() {
    return className;
  }

  /** The flag value: {@code content}, {@code adaptive}, {@code hash}, {@code histogram}, {@code threshold}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a flag value (case-insensitive); the message lists the valid ones. */
  public static Detector parse(String value) {
    for (Detector d : values()) {
      if (d.flagValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "--detector must be content, adaptive, hash, histogram or threshold, not '" + value + "'");
  }
}
