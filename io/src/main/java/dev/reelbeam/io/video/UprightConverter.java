package dev.reelbeam.io.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns held frames into the upright BGR picture, the same bytes the decode pass and the frame
 * fetcher produce for that frame ({@code SWS_BICUBIC} at full size, then the display rotation).
 * Not thread-safe; the returned Mat is overwritten by the next call.
 */
public final class UprightConverter implements AutoCloseable {
  private final int rotation;
  private final BgrConverter bgr = new BgrConverter();
  private final Mat rotated = new Mat();
  private final Mat bgra = new Mat();
  private final Mat turned = new Mat();

  /** @param rotation clockwise display rotation (from {@link VideoInfo#rotation()}) */
  public UprightConverter(int rotation) {
    this.rotation = rotation;
  }

  public Mat convert(HeldFrame frame) throws MediaException {
    return Rotation.apply(bgr.convert(frame.picture()), rotation, rotated, bgra, turned);
  }

  @Override
  public void close() {
    bgr.close();
    rotated.close();
    bgra.close();
    turned.close();
  }
}
