package dev.reelbeam.transforms.embed;

/**
 * How token vectors ({@code last_hidden_state}) become one sentence vector. Sentence-transformers
 * models say which in {@code 1_Pooling/config.json}; MiniLM uses the mean, BGE the CLS token.
 */
public enum Pooling {
  /** Mean of the token vectors where the attention mask is 1. */
  MEAN,
  /** The first token's vector ({@code [CLS]}). */
  CLS,
  /** Element-wise maximum over the unmasked tokens. */
  MAX;

  /**
   * Pools one sequence of {@code hidden} ({@code [seqLen * dim]}, row-major starting at {@code
   * offset}) over {@code mask} into {@code out}.
   */
  void pool(float[] hidden, int offset, long[] mask, int seqLen, int dim, float[] out) {
    switch (this) {
      case CLS -> System.arraycopy(hidden, offset, out, 0, dim);
      case MEAN -> {
        java.util.Arrays.fill(out, 0f);
        int n = 0;
        for (int t = 0; t < seqLen; t++) {
          if (t < mask.length && mask[t] != 0) {
            int base = offset + t * dim;
            for (int d = 0; d < dim; d++) {
              out[d] += hidden[base + d];
            }
            n++;
          }
        }
        float inv = 1f / Math.max(n, 1);
        for (int d = 0; d < dim; d++) {
          out[d] *= inv;
        }
      }
      case MAX -> {
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < seqLen; t++) {
          if (t < mask.length && mask[t] != 0) {
            int base = offset + t * dim;
            for (int d = 0; d < dim; d++) {
              out[d] = Math.max(out[d], hidden[base + d]);
            }
          }
        }
      }
    }
  }

  /** Scales {@code v} to unit length (a zero vector stays zero). */
  static void l2Normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm > 1e-12) {
      float inv = (float) (1.0 / norm);
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
  }
}
