package dev.reelbeam.transforms.coders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** The purpose-written coders give back every field, NaNs, nulls and NONE motion included. */
class SegmentSignalsCoderTest {

  @Test
  void segmentSignalsRoundTrip() throws Exception {
    VideoInfo film = SyntheticSignals.film(600, 24);
    SegmentSignals s = SyntheticSignals.segment(film, 3, 10, 1440, 7);
    // nested in a KV, as at the GroupByKey: the coder must delimit itself
    var kv = KvCoder.of(StringUtf8Coder.of(), SegmentSignalsCoder.of());
    SegmentSignals back = CoderUtils.clone(kv, KV.of(film.videoId(), s)).getValue();
    assertEquals(s.segment(), back.segment());
    assertEquals(s.clock(), back.clock());
    assertEquals(s.downscaleTarget(), back.downscaleTarget());
    assertEquals(s.edges(), back.edges());
    assertArrayEquals(s.pts(), back.pts());
    assertArrayEquals(s.deltaHue(), back.deltaHue());
    assertArrayEquals(s.deltaSat(), back.deltaSat());
    assertArrayEquals(s.deltaLum(), back.deltaLum());
    assertArrayEquals(s.deltaEdges(), back.deltaEdges());
    assertArrayEquals(s.motion(), back.motion());
    assertEquals(MotionSample.NONE, back.motion()[0]);
    assertArrayEquals(s.firstSmallPng(), back.firstSmallPng());
    assertArrayEquals(s.lastSmallPng(), back.lastSmallPng());
    assertNotNull(back.motionFactory().create());
    assertEquals(s.skippedFrames(), back.skippedFrames());
    assertEquals(s.metricSettings(), back.metricSettings());
    assertArrayEquals(s.averageRgb(), back.averageRgb());
    assertArrayEquals(s.hashDist(), back.hashDist());
    assertArrayEquals(s.histDiff(), back.histDiff());
    assertArrayEquals(s.lumaStd(), back.lumaStd());
    assertArrayEquals(s.thumbnails(), back.thumbnails());
    assertArrayEquals(s.sharpness(), back.sharpness());
    assertArrayEquals(s.brightness(), back.brightness());
    assertArrayEquals(s.phash(), back.phash());
  }

  @Test
  void anEmptySegmentWithoutMotionOrPngs() throws Exception {
    VideoInfo film = SyntheticSignals.film(10, 25);
    SegmentSignals full = SyntheticSignals.segment(film, 0, 1, 0, 1);
    SegmentSignals s = new SegmentSignals(full.segment(), null, 256, true, new long[0], new double[0],
        new double[0], new double[0], new double[0], new MotionSample[0], null, null, null, 2,
        full.metricSettings(), new double[0], new double[0], new double[0], new double[0], new byte[0],
        new double[0], new double[0], new long[0]);
    SegmentSignals back = CoderUtils.clone(SegmentSignalsCoder.of(), s);
    assertNull(back.clock());
    assertNull(back.firstSmallPng());
    assertNull(back.motionFactory());
    assertEquals(0, back.frameCount());
    assertEquals(2, back.skippedFrames());
  }

  @Test
  void sceneDetectionRoundTrip() throws Exception {
    VideoInfo film = SyntheticSignals.film(20, 25);
    SegmentSignals s = SyntheticSignals.segment(film, 0, 1, 500, 3);
    List<FrameSignal> signals = new ArrayList<>();
    for (int k = 0; k < s.frameCount(); k++) {
      signals.add(new FrameSignal(k, k / 25.0, s.deltaHue()[k], s.deltaSat()[k], s.deltaLum()[k],
          s.averageRgb()[k], s.motion()[k], s.averageRgb()[k], k == 0 ? Double.NaN : s.hashDist()[k],
          s.histDiff()[k], Double.NaN,
          k % 7 == 0 ? null : new FrameQuality(s.sharpness()[k], s.brightness()[k], k / 10.0, s.phash()[k])));
    }
    SceneDetection d = new SceneDetection(film, 500, 20.0, s.metricSettings(), List.of(120L, 300L),
        List.of(new Scene(1, 0, 119, 0, 4.8), new Scene(2, 120, 299, 4.8, 12), new Scene(3, 300, 499, 12, 20)),
        signals, List.of(new Transition(Transition.Type.CUT, 120, 120, 4.8, 4.8, 1.0),
            new Transition(Transition.Type.DISSOLVE, 290, 310, 11.6, 12.4, 0.75)));
    assertEquals(d, CoderUtils.clone(SceneDetectionCoder.of(), d));
  }
}
