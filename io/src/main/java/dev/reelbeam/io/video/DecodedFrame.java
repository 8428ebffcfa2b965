package dev.reelbeam.io.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame as the decoder hands it out. The Mats belong to the decoder and are reused for
 * the next frame: copy what you keep, never store them.
 */
public interface DecodedFrame {
  /** 0-based index of this frame among the frames the current decode call delivered. */
  int index();

  /** Presentation timestamp in stream time-base units ({@code pkt_dts} when the frame has no pts). */
  long pts();

  /** {@code (pts - stream start) * time_base}, seconds. */
  double time();

  /** The upright (rotation applied) BGR frame at full size. */
  Mat full();

  /**
   * The upright BGR frame downscaled as PySceneDetect does: factor {@code max(w, h) / target}
   * (1 below the target), size {@code (max(1, rint(w / f)), max(1, rint(h / f)))}, INTER_LINEAR.
   * The full frame itself when no downscale applies.
   */
  Mat small();

  /**
   * Keeps this frame past the decoder's next call, as a reference to its decoded buffers (no copy,
   * no conversion). Only decoders that decode in the native pixel format support it
   * ({@link VideoDecoder#openLazy}, {@link VideoDecoder#openForFetch}).
   */
  default HeldFrame hold() throws MediaException {
    throw new UnsupportedOperationException("this decoder converts every frame; open it lazily to hold frames");
  }
}
