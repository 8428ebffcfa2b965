package dev.reelbeam.transforms;

import dev.reelbeam.transforms.coders.VideoInfoCoder;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.scenes.BadInputException;
import java.io.UncheckedIOException;
import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.ProbeAhead;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.scenes.Errors;
import dev.reelbeam.transforms.model.ErrorRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Probes video files (local paths): stream facts, rotation, snapped fps, audio, keyframe times, from
 * a demux-only scan. A file that is not a readable video becomes an {@link ErrorRecord} of stage
 * {@code probe} with a message saying what is wrong with it.
 */
public final class ProbeVideos extends PTransform<PCollection<String>, ProbeVideos.Result> {

  public static final String STAGE = "probe";

  private ProbeVideos() {}

  public static ProbeVideos create() {
    return new ProbeVideos();
  }

  /** Probed videos and the inputs that could not be probed. */
  public static final class Result extends WithErrors<VideoInfo> {
    Result(PCollectionTuple t, TupleTag<VideoInfo> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<VideoInfo> videos() {
      return output();
    }
  }

  @Override
  public Result expand(PCollection<String> paths) {
    TupleTag<VideoInfo> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out =
        paths.apply("Probe", ParDo.of(new ProbeFn(bad)).withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(VideoInfoCoder.of());
    out.get(bad).setCoder(ErrorRecordCoder.of());
    return new Result(out, ok, bad);
  }

  static final class ProbeFn extends DoFn<String, VideoInfo> {
    @Setup
    public void loadNatives() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
    }

    private final TupleTag<ErrorRecord> bad;

    ProbeFn(TupleTag<ErrorRecord> bad) {
      this.bad = bad;
    }

    // Progress: how many videos and frames this run has ahead of it.
    private final Counter videosTotal = Metrics.counter("reelbeam", "videos_total");
    private final Counter framesTotal = Metrics.counter("reelbeam", "frames_total");

    @ProcessElement
    public void process(ProcessContext c) {
      String path = c.element();
      videosTotal.inc();
      try {
        // A single local input may have been probed while the graph was built (ProbeAhead).
        VideoInfo info = ProbeAhead.take(path).orElse(null);
        if (info == null) {
          info = VideoProbe.probe(path);
        }
        framesTotal.inc(info.frameCountEstimate());
        c.output(info);
      } catch (IOException | UncheckedIOException | BadInputException e) {
        c.output(bad, Errors.of(path, VideoId.of(path), STAGE, e));
      }
    }
  }
}
