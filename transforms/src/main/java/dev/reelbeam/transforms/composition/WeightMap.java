package dev.reelbeam.transforms.composition;

/**
 * Visual weight over a frame, row-major, non-negative: the map the composition formulas read.
 * Coordinates in the formulas are fractions of width and height, pixel centres at
 * {@code (x + 0.5) / width}.
 */
public record WeightMap(int width, int height, double[] values) {

  public WeightMap {
    if (width < 1 || height < 1 || values.length != width * height) {
      throw new IllegalArgumentException("map " + width + "x" + height + " needs " + width * height + " values");
    }
  }

  public double at(int x, int y) {
    return values[y * width + x];
  }

  public double total() {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  public double max() {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Normalised x of column {@code x}. */
  public double fx(int x) {
    return (x + 0.5) / width;
  }

  /** Normalised y of row {@code y}. */
  public double fy(int y) {
    return (y + 0.5) / height;
  }
}
