package dev.reelbeam.transforms.outputs;

/**
 * Names of the per-video branches whose {@link OutputPart}s make a video complete. A new branch
 * (an analysis, say) adds its name here and emits its parts into the manifest join.
 */
public final class Branches {
  /** Cuts: scenes JSON, scenes CSV, stats CSV. */
  public static final String SCENES = "scenes";
  /** Keyframe JPEGs. */
  public static final String FRAMES = "frames";
  /** 16 kHz mono WAV. */
  public static final String AUDIO = "audio";
  /** Composition metrics (analysis). */
  public static final String COMPOSITION = "composition";
  /** Camera movement (analysis). */
  public static final String CAMERA = "camera";
  /** Subtitle tracks: normalised SRT per text track and the subtitles JSON. */
  public static final String SUBTITLES = "subtitles";

  private Branches() {}
}
