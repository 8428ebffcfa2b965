package dev.reelbeam.pipelines.ops;

import java.util.List;

/**
 * The Beam metrics counters the operations layer reads for progress, the end-of-run summary and
 * {@code execution_metadata.json}. Transforms declare them as
 * {@code Metrics.counter("reelbeam", "frames")} (the transforms module does not depend on this one,
 * so they use the strings). Any other counter in the namespace is reported too, per step; a counter
 * whose name ends in {@code _ms} is a stage time in milliseconds.
 */
public final class Counters {

  /** Namespace of every ReelBeam counter. */
  public static final String NAMESPACE = "reelbeam";

  /** Videos found in the input (incremented once per matched video). */
  public static final String VIDEOS_TOTAL = "videos_total";

  /** Videos finished (all their per-video outputs written, or skipped by --resume). */
  public static final String VIDEOS = "videos";

  /** Frames the videos are expected to have (probed), summed; feeds the ETA. */
  public static final String FRAMES_TOTAL = "frames_total";

  /** Frames decoded. */
  public static final String FRAMES = "frames";

  /** Scenes detected. */
  public static final String SCENES = "scenes";

  /** Error records written (bad inputs). */
  public static final String ERRORS = "errors";

  /** Document chunks embedded into the knowledge base. */
  public static final String CHUNKS = "chunks";

  /** The counters printed at the end of every run, in this order. */
  public static final List<String> SUMMARY =
      List.of(VIDEOS, VIDEOS_TOTAL, FRAMES, SCENES, ERRORS, CHUNKS);

  private Counters() {}
}
