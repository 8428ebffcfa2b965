package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live count moves while one long element decodes, and ends at the frames decoded. */
class LiveFrameCountTest {

  @Test
  void movesWithTheFramesOfOneElementAndEndsAtTheirCount() throws Exception {
    VideoInfo info = VideoProbe.probe(Media.clip("moviepy/big_buck_bunny_0_30.webm"));
    VideoSegment whole = new VideoSegment(info, 0, 1, 0, Double.POSITIVE_INFINITY);
    long before = LiveFrameCount.now();
    // seen from inside the decode pass: the estimator is called once per frame
    List<Long> seen = new ArrayList<>();
    MotionEstimator probe = new MotionEstimator() {
      @Override
      public MotionSample next(org.bytedeco.opencv.opencv_core.Mat smallBgr) {
        seen.add(LiveFrameCount.now() - before);
        return MotionSample.NONE;
      }

      @Override
      public void reset() {}
    };
    SegmentSignals s = new SegmentAnalyzer(1, 256, false, () -> probe).analyze(whole);

    assertTrue(s.frameCount() > 300, "frames " + s.frameCount());
    assertEquals(s.frameCount(), LiveFrameCount.now() - before);
    // frame i (0-based) sees every completed batch of the frames before it
    for (int i = 0; i < seen.size(); i++) {
      long expected = (i / LiveFrameCount.BATCH) * (long) LiveFrameCount.BATCH;
      assertEquals(expected, seen.get(i), "at frame " + i);
    }
  }
}
