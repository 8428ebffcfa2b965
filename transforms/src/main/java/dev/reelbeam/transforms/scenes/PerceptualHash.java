package dev.reelbeam.transforms.scenes;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * HashDetector's perceptual hash, computed as PySceneDetect computes it: grey, area-resized to
 * {@code size * lowpass} pixels square, scaled to 0-1 by its maximum in 32-bit floats, a DCT, and
 * one bit per coefficient of the top-left {@code size x size} block: above the block's median. The
 * division and the median are done in 32-bit floats, as numpy does on its float32 arrays.
 *
 * <p>A quarter-turned video: ReelBeam's frames are upright as FFmpeg's own autorotation turns them,
 * and OpenCV's FFmpeg backend (PySceneDetect's frames) turns them the other way, half a turn from
 * ReelBeam's. The content, histogram and intensity metrics are statistics of the set of pixels and
 * cannot tell; a hash can, so with {@code halfTurn} it hashes the frame turned by half a turn,
 * PySceneDetect's picture (issue-134-rotate.mp4's goldens). Not thread-safe; close to free native
 * memory.
 */
final class PerceptualHash implements AutoCloseable {
  private final int size;
  private final int side;
  private final boolean halfTurn;
  private final Mat grey = new Mat();
  private final Mat turned = new Mat();
  private final Mat small = new Mat();
  private final Mat scaled;
  private final Mat dct = new Mat();
  private final Size smallSize;
  /** The picture's bytes, its scaled values and its transform, copied in and out in one call each. */
  private final byte[] levels;
  private final float[] values;
  private final float[] coefficients;
  private final float[] block;
  private final float[] sorted;
  private final float[] low = new float[64];
  private final float[] lowSorted = new float[64];

  /** @param halfTurn hash the frame turned by 180 degrees (a video with a quarter-turn rotation) */
  PerceptualHash(int size, int lowpass, boolean halfTurn) {
    this.size = size;
    this.halfTurn = halfTurn;
    this.side = size * lowpass;
    this.scaled = new Mat(side, side, opencv_core.CV_32F);
    this.smallSize = new Size(side, side);
    this.levels = new byte[side * side];
    this.values = new float[side * side];
    this.coefficients = new float[side * side];
    this.block = new float[size * size];
    this.sorted = new float[size * size];
  }

  /** Bit count of a hash: the stats file divides the distance by it. */
  int bits() {
    return size * size;
  }

  /** The hash of a small BGR frame, {@code size * size} bits packed in longs, row by row. */
  long[] hash(Mat smallBgr) {
    opencv_imgproc.cvtColor(smallBgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
    return hashGrey(grey);
  }

  /** The hash of the grey (OpenCV BGR2GRAY) small frame. */
  long[] hashGrey(Mat grey) {
    Mat picture = grey;
    if (halfTurn) {
      opencv_core.flip(grey, turned, -1);
      picture = turned;
    }
    // the Mats are continuous (allocated whole by OpenCV or here): rows follow each other
    opencv_imgproc.resize(picture, small, smallSize, 0, 0, opencv_imgproc.INTER_AREA);
    small.data().get(levels);
    int max = 0;
    for (byte b : levels) {
      max = Math.max(max, b & 0xff);
    }
    float divisor = max == 0 ? 1f : (float) max;
    for (int i = 0; i < levels.length; i++) {
      values[i] = (float) (levels[i] & 0xff) / divisor;
    }
    new FloatPointer(scaled.data()).put(values);
    opencv_core.dct(scaled, dct);
    new FloatPointer(dct.data()).get(coefficients);
    for (int y = 0; y < size; y++) {
      System.arraycopy(coefficients, y * side, block, y * size, size);
    }
    float median = median(block, sorted);
    long[] bits = new long[(block.length + 63) / 64];
    for (int i = 0; i < block.length; i++) {
      if (block[i] > median) {
        bits[i >>> 6] |= 1L << (i & 63);
      }
    }
    return bits;
  }

  /**
   * The keyframe hash of the frame last hashed: the 64-bit DCT perceptual hash (as the common
   * {@code phash}: the top-left 8x8 block of the 32x32 picture's DCT, DC included, one bit per
   * coefficient above the block's median, row by row from bit 0). Valid only for a hasher of side
   * 32 that does not turn the picture ({@link #keyframeHasher} or PySceneDetect's default 16 x 2).
   */
  long lowFrequency64() {
    if (side != KEYFRAME_SIDE || halfTurn) {
      throw new IllegalStateException("the keyframe hash needs an upright 32x32 DCT");
    }
    for (int y = 0; y < 8; y++) {
      System.arraycopy(coefficients, y * side, low, y * 8, 8);
    }
    float median = median(low, lowSorted);
    long bits = 0;
    for (int i = 0; i < 64; i++) {
      if (low[i] > median) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  /** Side of the picture the keyframe hash transforms. */
  static final int KEYFRAME_SIDE = 32;

  /** A hasher for {@link #lowFrequency64} alone (upright, 32x32). */
  static PerceptualHash keyframeHasher() {
    return new PerceptualHash(8, 4, false);
  }

  /** Whether this hasher's last DCT also gives the keyframe hash (no second transform needed). */
  boolean givesKeyframeHash() {
    return side == KEYFRAME_SIDE && !halfTurn;
  }

  /** Bits that differ between two hashes of the same size. */
  static int distance(long[] a, long[] b) {
    int d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Long.bitCount(a[i] ^ b[i]);
    }
    return d;
  }

  /** numpy.median of a float32 array: the middle value, or the float32 mean of the two middle. */
  private static float median(float[] values, float[] scratch) {
    System.arraycopy(values, 0, scratch, 0, values.length);
    Arrays.sort(scratch);
    int n = scratch.length;
    if (n % 2 == 1) {
      return scratch[n / 2];
    }
    float sum = scratch[n / 2 - 1] + scratch[n / 2];
    return sum / 2f;
  }

  @Override
  public void close() {
    grey.close();
    turned.close();
    small.close();
    scaled.close();
    dct.close();
    smallSize.close();
  }
}
