package dev.reelbeam.io.video;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Display rotation as OpenCV 4.6's FFmpeg backend applies it: the display matrix angle
 * (counter-clockwise, as {@code av_display_rotation_get} reports it) is negated, rounded and taken
 * mod 360; 90 turns the picture clockwise, 270 counter-clockwise.
 */
public final class Rotation {
  private Rotation() {}

  /** Clockwise degrees (0, 90, 180, 270, or another value left unapplied) from the display matrix angle. */
  public static int fromDisplayMatrix(double displayRotation) {
    if (Double.isNaN(displayRotation)) {
      return 0;
    }
    long r = -Math.round(displayRotation);
    return (int) (((r % 360) + 360) % 360);
  }

  /** Whether {@code rotation} swaps width and height. */
  public static boolean swapsSides(int rotation) {
    return rotation == 90 || rotation == 270;
  }

  /** Turns {@code src} upright into {@code dst}; returns {@code src} itself when nothing to do. */
  public static Mat apply(Mat src, int rotation, Mat dst) {
    switch (rotation) {
      case 90:
        opencv_core.rotate(src, dst, ROTATE_90_CLOCKWISE);
        return dst;
      case 180:
        opencv_core.rotate(src, dst, ROTATE_180);
        return dst;
      case 270:
        opencv_core.rotate(src, dst, ROTATE_90_COUNTERCLOCKWISE);
        return dst;
      default:
        return src;
    }
  }

  /**
   * The same pixels as {@link #apply(Mat, int, Mat)}, faster for quarter turns of 3-channel frames:
   * OpenCV's transpose of 3-byte pixels is slow, so the frame goes through 4-byte BGRA (padding a
   * channel and dropping it again moves no value; measured 2.5 vs 4.2 ms a 1280x544 frame).
   * {@code bgra} and {@code turned} are scratch buffers the caller keeps between frames.
   */
  public static Mat apply(Mat src, int rotation, Mat dst, Mat bgra, Mat turned) {
    if ((rotation != 90 && rotation != 270) || src.channels() != 3) {
      return apply(src, rotation, dst);
    }
    org.bytedeco.opencv.global.opencv_imgproc.cvtColor(
        src, bgra, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA);
    opencv_core.rotate(
        bgra, turned, rotation == 90 ? ROTATE_90_CLOCKWISE : ROTATE_90_COUNTERCLOCKWISE);
    org.bytedeco.opencv.global.opencv_imgproc.cvtColor(
        turned, dst, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR);
    return dst;
  }
}
