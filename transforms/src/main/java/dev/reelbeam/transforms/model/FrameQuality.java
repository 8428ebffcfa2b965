package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * What the keyframe choice knows of one frame, measured on the small frame in the decode pass (the
 * values depend on the frame alone, so a segmented decode gives the same as a sequential one).
 *
 * @param sharpness variance of the Laplacian of the grey small frame (higher: sharper)
 * @param brightness mean grey level, 0-255
 * @param contrast standard deviation of the grey levels (near 0: a flat frame of one colour)
 * @param phash 64-bit DCT perceptual hash of the frame (see {@code PerceptualHash.lowFrequency64})
 */
public record FrameQuality(double sharpness, double brightness, double contrast, long phash)
    implements Serializable {

  /** Quality unknown (signals built without it): never preferred, hashes all equal. */
  public static final FrameQuality UNKNOWN = new FrameQuality(Double.NaN, Double.NaN, Double.NaN, 0L);

  /** The hash as 16 lower-case hex digits, as the scenes JSON writes it. */
  public String phashHex() {
    return String.format(java.util.Locale.ROOT, "%016x", phash);
  }
}
