package dev.reelbeam.transforms.scenes;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Lossless PNG round trip of the small frames a segment hands to the stitch. */
final class SmallFrames {
  private SmallFrames() {}

  static byte[] toPng(Mat bgr) {
    try (BytePointer buf = new BytePointer()) {
      if (!opencv_imgcodecs.imencode(".png", bgr, buf)) {
        throw new IllegalStateException("PNG encoding of a small frame failed");
      }
      byte[] out = new byte[(int) buf.limit()];
      buf.get(out);
      return out;
    }
  }

  static Mat fromPng(byte[] png) {
    try (Mat raw = new Mat(1, png.length, org.bytedeco.opencv.global.opencv_core.CV_8U)) {
      raw.data().put(png);
      Mat m = opencv_imgcodecs.imdecode(raw, opencv_imgcodecs.IMREAD_COLOR);
      if (m == null || m.empty()) {
        throw new IllegalStateException("PNG decoding of a small frame failed");
      }
      return m;
    }
  }
}
