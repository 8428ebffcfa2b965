package dev.reelbeam.transforms.model;

import java.util.Locale;

/** How a scene's begin, middle and end frames are chosen ({@code --keyframes}). */
public enum KeyframeMode {
  /**
   * The best frame of a window around each position: not flat or near-black, not inside a
   * transition, the sharpest of the rest (the default).
   */
  BEST,
  /** PySceneDetect's {@code save-images} positions exactly (its images, byte for byte). */
  EXACT;

  /** The flag's value: {@code best} or {@code exact}. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code best} or {@code exact}, any case. */
  public static KeyframeMode parse(String s) {
    for (KeyframeMode m : values()) {
      if (m.flagName().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("--keyframes must be best or exact, not " + s);
  }
}
