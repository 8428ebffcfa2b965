package dev.reelbeam.transforms;

import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.scenes.Errors;
import dev.reelbeam.transforms.scenes.KeyframePlanner;
import dev.reelbeam.transforms.scenes.KeyframeWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Writes frame images for detected scenes by seeking (the video is not decoded again in full):
 * {@link #scenes()} writes 3 per scene (begin, middle, end, PySceneDetect's {@code save-images}
 * placement), {@link #interval(double)} one every N seconds. JPEG quality 95, upright, atomic, under
 * {@code <outputRoot>/frames/<video-id>/}. A video whose frames cannot be written becomes an
 * {@link ErrorRecord} of stage {@code frames}. Output: the written {@link Keyframe}s per video,
 * ordered by scene and position (interval: by sequence number).
 */
public final class ExtractFrames
    extends PTransform<PCollection<SceneDetection>, ExtractFrames.Result> {

  public static final String STAGE = "frames";

  private final double intervalSeconds; // 0: scene mode
  private final String outputRoot;
  private final int decoderThreads;

  private ExtractFrames(double intervalSeconds, String outputRoot, int decoderThreads) {
    if (intervalSeconds < 0 || Double.isNaN(intervalSeconds) || Double.isInfinite(intervalSeconds)) {
      throw new IllegalArgumentException("interval must be a positive number of seconds: " + intervalSeconds);
    }
    if (decoderThreads < 0) {
      throw new IllegalArgumentException("decoderThreads must be >= 0: " + decoderThreads);
    }
    this.intervalSeconds = intervalSeconds;
    this.outputRoot = outputRoot;
    this.decoderThreads = decoderThreads;
  }

  /** Three frames per scene. */
  public static ExtractFrames scenes() {
    return new ExtractFrames(0, null, 0);
  }

  /** One frame every {@code seconds} seconds from the start. */
  public static ExtractFrames interval(double seconds) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("interval must be a positive number of seconds: " + seconds);
    }
    return new ExtractFrames(seconds, null, 0);
  }

  /** The output root (a local directory); required. */
  public ExtractFrames to(String root) {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("output root must be given");
    }
    return new ExtractFrames(intervalSeconds, root, decoderThreads);
  }

  /** FFmpeg threads for the seeks (0: FFmpeg chooses). */
  public ExtractFrames withDecoderThreads(int threads) {
    return new ExtractFrames(intervalSeconds, outputRoot, threads);
  }

  /** Written frames per video, and the videos that failed. */
  public static final class Result extends TwoOutputs<KV<String, List<Keyframe>>> {
    Result(PCollectionTuple t, TupleTag<KV<String, List<Keyframe>>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<KV<String, List<Keyframe>>> frames() {
      return main();
    }
  }

  @Override
  public Result expand(PCollection<SceneDetection> detections) {
    if (outputRoot == null) {
      throw new IllegalStateException("ExtractFrames needs .to(outputRoot)");
    }
    TupleTag<KV<String, List<Keyframe>>> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out =
        detections.apply(
            intervalSeconds > 0 ? "WriteIntervalFrames" : "WriteSceneFrames",
            ParDo.of(new WriteFn(bad, intervalSeconds, outputRoot, decoderThreads))
                .withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok)
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), ListCoder.of(SerializableCoder.of(Keyframe.class))));
    out.get(bad).setCoder(SerializableCoder.of(ErrorRecord.class));
    return new Result(out, ok, bad);
  }

  static final class WriteFn extends DoFn<SceneDetection, KV<String, List<Keyframe>>> {
    private final TupleTag<ErrorRecord> bad;
    private final double interval;
    private final String root;
    private final int threads;

    WriteFn(TupleTag<ErrorRecord> bad, double interval, String root, int threads) {
      this.bad = bad;
      this.interval = interval;
      this.root = root;
      this.threads = threads;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      SceneDetection d = c.element();
      try {
        double[] times = new double[d.signals().size()];
        int i = 0;
        for (FrameSignal s : d.signals()) {
          times[i++] = s.time();
        }
        List<KeyframePlanner.Pick> picks =
            interval > 0
                ? KeyframePlanner.intervalPicks(times, d.durationSeconds(), interval)
                : KeyframePlanner.scenePicks(d.scenes(), times, d.video().fps());
        List<Keyframe> written = KeyframeWriter.write(d.video(), picks, Path.of(root), threads);
        c.output(KV.of(d.video().videoId(), written));
      } catch (Exception e) {
        c.output(bad, Errors.of(d.video().path(), d.video().videoId(), STAGE, e));
      }
    }
  }
}
