package dev.reelbeam.io.video;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * JPEG bytes of a BGR frame through OpenCV's {@code imencode} at a fixed quality. Every writer of
 * frame images goes through here, so a frame kept during the decode pass and the same frame fetched
 * later by seeking give identical files. Not thread-safe; close it.
 */
public final class JpegEncoder implements AutoCloseable {
  private final IntPointer params;

  public JpegEncoder(int quality) {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality must be in [0, 100]: " + quality);
    }
    params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality);
  }

  public byte[] encode(Mat bgr) {
    try (BytePointer buffer = new BytePointer()) {
      if (!opencv_imgcodecs.imencode(".jpg", bgr, buffer, params)) {
        throw new IllegalStateException(
            "JPEG encoding failed for a " + bgr.cols() + "x" + bgr.rows() + " frame");
      }
      byte[] jpeg = new byte[(int) buffer.limit()];
      buffer.get(jpeg);
      return jpeg;
    }
  }

  @Override
  public void close() {
    params.close();
  }
}
