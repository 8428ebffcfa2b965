package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import javax.annotation.Nullable;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.coders.SegmentSignalsCoder;
import dev.reelbeam.transforms.coders.VideoSegmentCoder;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.scenes.BadInputException;
import java.io.UncheckedIOException;
import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import dev.reelbeam.transforms.scenes.CapturePlan;
import dev.reelbeam.transforms.scenes.Errors;
import dev.reelbeam.transforms.scenes.SegmentAnalyzer;
import dev.reelbeam.transforms.scenes.SegmentPlanner;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The one decode pass. Plans keyframe-aligned segments of about {@code segmentSeconds} per video,
 * reshuffles them so the segments of one film spread over workers, and decodes each segment exactly
 * once into compact per-frame signals ({@link SegmentSignals}: HSV deltas on the ~256 px copy and
 * camera motion), never frames. {@code FramesToScenes} stitches them back.
 *
 * <p>Defaults: segments of 60 s (videos under 120 s are one segment; see also
 * {@link #withMaxSegments}), FFmpeg's own thread count ({@code withDecoderThreads(0)}; use 1 when
 * the pipeline runs on one worker), no motion estimator
 * (motion is {@code MotionSample.NONE}), PySceneDetect's default downscale and no edges
 * ({@link #withSettings} takes both from the detector settings: pass the ones
 * {@code FramesToScenes} uses). A video with segments that fail to decode gets one
 * {@link ErrorRecord} of stage {@code decode} (the first failed segment's reason, with how many
 * failed); {@code FramesToScenes} then reports no cuts for it.
 */
@AutoValue
public abstract class VideoToFrames extends PTransform<PCollection<VideoInfo>, VideoToFrames.Result> {

  public static final String STAGE = "decode";

  abstract double getSegmentSeconds();

  abstract int getMaxSegments();

  abstract int getDecoderThreads();

  abstract @Nullable MotionEstimatorFactory getMotion();

  abstract DetectorSettings getSettings();

  abstract @Nullable CapturePlan getCapture();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSegmentSeconds(double seconds);

    abstract Builder setMaxSegments(int n);

    abstract Builder setDecoderThreads(int threads);

    abstract Builder setMotion(@Nullable MotionEstimatorFactory factory);

    abstract Builder setSettings(DetectorSettings settings);

    abstract Builder setCapture(@Nullable CapturePlan plan);

    abstract VideoToFrames build();
  }

  VideoToFrames() {}

  public static VideoToFrames create() {
    return new AutoValue_VideoToFrames.Builder()
        .setSegmentSeconds(60.0)
        .setMaxSegments(Integer.MAX_VALUE)
        .setDecoderThreads(0)
        .setSettings(DetectorSettings.defaults())
        .build();
  }

  /**
   * Target segment length in seconds (segments are cut at keyframes);
   * {@link Double#POSITIVE_INFINITY} decodes every video in one piece, which is cheapest when only
   * one core works (each segment costs an open, a seek and boundary frames).
   */
  public VideoToFrames withSegmentSeconds(double seconds) {
    checkArgument(seconds > 0, "segmentSeconds must be positive: %s", seconds);
    return toBuilder().setSegmentSeconds(seconds).build();
  }

  /**
   * At most about {@code n} segments per video: a longer video gets longer segments (its duration
   * over {@code n}) rather than more. Why: each boundary costs an open, a seek and the keyframe
   * picks either side of it, which must be fetched by seeking (on an 8-minute 1080p High-profile
   * film with two workers: 47 s in 8 segments, 45 s in 4, 42 s in 2); pass the number of workers
   * when one film should use them all at the least cost. Default: no limit.
   */
  public VideoToFrames withMaxSegments(int n) {
    checkArgument(n >= 1, "maxSegments must be at least 1: %s", n);
    return toBuilder().setMaxSegments(n).build();
  }

  /**
   * FFmpeg decoding threads per segment; 0 lets FFmpeg choose for a video decoded in one piece and
   * uses one thread per segment of a split video (its segments already spread over the workers, and
   * frame threading on top only adds hand-offs). Values never change results.
   */
  public VideoToFrames withDecoderThreads(int threads) {
    checkArgument(threads >= 0, "decoderThreads must be >= 0 (0: FFmpeg chooses): %s", threads);
    return toBuilder().setDecoderThreads(threads).build();
  }

  /** Camera motion estimator, one per segment; null for none. */
  public VideoToFrames withMotionEstimator(@Nullable MotionEstimatorFactory factory) {
    return toBuilder().setMotion(factory).build();
  }

  /** Downscale target and whether edges are needed (a non-zero edge weight). */
  public VideoToFrames withSettings(DetectorSettings detectorSettings) {
    checkArgument(detectorSettings != null && detectorSettings.downscaleTarget() >= 1,
        "settings need a downscale target >= 1: %s", detectorSettings);
    return toBuilder().setSettings(detectorSettings).build();
  }

  /**
   * Stages, during the decode, the frame images {@code ExtractFrames} will likely need (same output
   * root and mode), so it renames them instead of seeking; null for none. See {@link KeyframeCapture}.
   */
  public VideoToFrames withKeyframeCapture(@Nullable CapturePlan plan) {
    return toBuilder().setCapture(plan).build();
  }

  /** Per-segment signals keyed by video id, and the segments that failed. */
  public static final class Result extends WithErrors<KV<String, SegmentSignals>> {
    Result(PCollectionTuple t, TupleTag<KV<String, SegmentSignals>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<KV<String, SegmentSignals>> signals() {
      return output();
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("segmentSeconds", getSegmentSeconds()).withLabel("Target segment length (s)"))
        .add(DisplayData.item("maxSegments", getMaxSegments()).withLabel("Most segments per video"))
        .add(DisplayData.item("decoderThreads", getDecoderThreads()).withLabel("FFmpeg threads per segment (0: FFmpeg chooses)"))
        .add(DisplayData.item("downscaleTarget", getSettings().downscaleTarget()).withLabel("Small copy's longer side (px)"))
        .add(DisplayData.item("edges", getSettings().weightEdges() != 0).withLabel("Edge deltas"))
        .add(DisplayData.item("motionEstimator", getMotion() == null ? "none" : getMotion().getClass().getName()).withLabel("Motion estimator"))
        .add(DisplayData.item("keyframeCapture", getCapture() != null).withLabel("Keyframes staged during the decode"));
  }

  @Override
  public Result expand(PCollection<VideoInfo> videos) {
    double seconds = getSegmentSeconds();
    int most = getMaxSegments();
    PCollection<VideoSegment> segments =
        videos
            .apply(
                "PlanSegments",
                FlatMapElements.into(TypeDescriptor.of(VideoSegment.class))
                    .via((VideoInfo v) -> SegmentPlanner.plan(v, seconds, most)))
            .setCoder(VideoSegmentCoder.of())
            .apply("SpreadSegments", Reshuffle.viaRandomKey());
    TupleTag<KV<String, SegmentSignals>> ok = new TupleTag<>() {};
    TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad = new TupleTag<>() {};
    PCollectionTuple out =
        segments.apply(
            "DecodeSegments",
            ParDo.of(new DecodeFn(bad, getDecoderThreads(), getSettings(), getMotion(), getCapture()))
                .withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(KvCoder.of(StringUtf8Coder.of(), SegmentSignalsCoder.of()));
    out.get(bad)
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(),
                KvCoder.of(VarIntCoder.of(), ErrorRecordCoder.of())));
    // One error record per video, not one per failed segment: the first failed segment's reason.
    TupleTag<ErrorRecord> perVideo = new TupleTag<>() {};
    PCollection<ErrorRecord> errors =
        out.get(bad)
            .apply("GroupSegmentErrors", GroupByKey.create())
            .apply("OneErrorPerVideo", ParDo.of(new FirstErrorPerVideo("segments")))
            .setCoder(ErrorRecordCoder.of());
    PCollectionTuple result = PCollectionTuple.of(ok, out.get(ok)).and(perVideo, errors);
    return new Result(result, ok, perVideo);
  }

  static final class DecodeFn extends DoFn<VideoSegment, KV<String, SegmentSignals>> {
    @Setup
    public void loadNatives() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
    }

    private final TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad;
    private final int threads;
    private final DetectorSettings settings;
    private final MotionEstimatorFactory motion;
    private final CapturePlan capture;

    DecodeFn(
        TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad,
        int threads,
        DetectorSettings settings,
        MotionEstimatorFactory motion,
        CapturePlan capture) {
      this.capture = capture;
      this.bad = bad;
      this.threads = threads;
      this.settings = settings;
      this.motion = motion;
    }

    private final Counter frames = Metrics.counter("reelbeam", "frames");

    @ProcessElement
    public void process(ProcessContext c) {
      VideoSegment s = c.element();
      long wall0 = System.currentTimeMillis();
      long cpu0 = SegmentTimes.threadCpuNanos();
      SegmentTimes.segmentStarts(s, wall0);
      try {
        SegmentAnalyzer analyzer =
            new SegmentAnalyzer(
                    threads == 0 && s.count() > 1 ? 1 : threads,
                    settings.downscaleTarget(),
                    settings.weightEdges() != 0,
                    motion)
                .withCapture(capture, settings)
                .withMetricSettings(settings);
        SegmentSignals signals = analyzer.analyze(s);
        frames.inc(signals.frameCount());
        SegmentTimes.segment(s, wall0, cpu0, signals.frameCount());
        c.output(KV.of(s.video().videoId(), signals));
      } catch (Exception e) { // the decoder's callbacks throw Exception: inputFailure sorts it
        ErrorRecord r = Errors.of(s.video().path(), s.video().videoId(), STAGE, Errors.inputFailure(e));
        if (s.count() > 1) {
          r = r.withMessage(
              r.message() + String.format(java.util.Locale.ROOT, " [segment %d of %d, from %.3f s]",
                  s.index() + 1, s.count(), s.startTime()));
        }
        c.output(bad, KV.of(s.video().videoId(), KV.of(s.index(), r)));
      }
    }
  }
}
