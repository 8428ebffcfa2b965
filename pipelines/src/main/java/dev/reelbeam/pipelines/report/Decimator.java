package dev.reelbeam.pipelines.report;

/**
 * Reduces a per-frame series to the minimum and maximum of each pixel column, so a two-hour film's
 * 170,000 frames draw as at most two points per column and every spike (a cut, a whip pan) stays
 * visible. Columns without samples are skipped.
 */
final class Decimator {
  private Decimator() {}

  /**
   * Min/max per column.
   *
   * @param frames frame number of each sample, ascending
   * @param values the samples
   * @param frameCount frames spanned by the plot's width
   * @param columns pixel columns
   * @return per column, {@code [min, max]}; null for a column without samples
   */
  static float[][] minMax(long[] frames, float[] values, long frameCount, int columns) {
    float[][] out = new float[columns][];
    long span = Math.max(1, frameCount);
    for (int i = 0; i < frames.length; i++) {
      float v = values[i];
      if (Float.isNaN(v)) {
        continue;
      }
      int c = column(frames[i], span, columns);
      float[] mm = out[c];
      if (mm == null) {
        out[c] = new float[] {v, v};
      } else {
        if (v < mm[0]) {
          mm[0] = v;
        }
        if (v > mm[1]) {
          mm[1] = v;
        }
      }
    }
    return out;
  }

  /** The column of {@code frame} when {@code span} frames fill {@code columns} columns. */
  static int column(long frame, long span, int columns) {
    long c = frame * columns / Math.max(1, span);
    return (int) Math.max(0, Math.min(columns - 1, c));
  }
}
