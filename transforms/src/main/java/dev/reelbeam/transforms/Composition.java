package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkArgument;
import static dev.reelbeam.transforms.Checks.checkRoot;
import static dev.reelbeam.transforms.Checks.requireRoot;

import com.google.auto.value.AutoValue;
import javax.annotation.Nullable;
import dev.reelbeam.transforms.coders.SummaryCoders;
import dev.reelbeam.io.files.OutputStore;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.scenes.BadInputException;
import java.io.UncheckedIOException;
import java.io.IOException;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.transforms.composition.CompositionReport;
import dev.reelbeam.transforms.composition.CompositionSummary;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.scenes.Errors;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.coders.KvCoder;
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
 * Composition of the keyframes {@code ExtractFrames} wrote: rule of thirds (with per power point
 * usage), symmetry, balance, main subjects and an overall score per keyframe, aggregated per scene
 * and per video (see {@link dev.reelbeam.transforms.composition.CompositionMetrics}). Reads the JPEGs
 * under the output root reduced in the JPEG decoder (to no less than the map's width) and writes
 * {@code analysis/composition/<video-id>_composition.json} atomically. A video with a keyframe
 * that cannot be read becomes an {@link ErrorRecord} of stage {@code composition} (no partial
 * file).
 */
@AutoValue
public abstract class Composition
    extends PTransform<PCollection<KV<String, List<Keyframe>>>, Composition.Result> {

  public static final String STAGE = "composition";

  abstract @Nullable String getOutputRoot();

  abstract int getThreads();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputRoot(String root);

    abstract Builder setThreads(int threads);

    abstract Composition build();
  }

  Composition() {}

  public static Composition create() {
    return new AutoValue_Composition.Builder().setThreads(1).build();
  }

  /**
   * Threads that score one video's keyframes (each keyframe's scores depend on its image alone:
   * the same report with any number); 1 by default, 0 for all cores. In {@code run}, composition
   * waits for every keyframe of the video and the manifest and the knowledge base wait for it: with
   * one thread it was a serial step at the run's end (1.2 s of one core on an 8-minute film) while
   * the other workers had nothing to do.
   */
  public Composition withThreads(int threads) {
    checkArgument(threads >= 0, "threads must be 0 (all cores) or more, got %s", threads);
    return toBuilder().setThreads(threads).build();
  }

  /** The output root: keyframe paths are relative to it, and the JSON goes under it. Required. */
  public Composition to(String root) {
    return toBuilder().setOutputRoot(checkRoot(root)).build();
  }

  /** Per-video summaries, and the videos that failed. */
  public static final class Result extends WithErrors<KV<String, CompositionSummary>> {
    Result(PCollectionTuple t, TupleTag<KV<String, CompositionSummary>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    /** One summary per video id. */
    public PCollection<KV<String, CompositionSummary>> compositions() {
      return output();
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(getOutputRoot()))
        .add(DisplayData.item("threads", getThreads()).withLabel("Scoring threads per video (0: all cores)"));
  }

  @Override
  public Result expand(PCollection<KV<String, List<Keyframe>>> keyframes) {
    String outputRoot = requireRoot(getOutputRoot(), "Composition");
    TupleTag<KV<String, CompositionSummary>> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out =
        keyframes.apply(
            "ScoreComposition",
            ParDo.of(new ScoreFn(bad, outputRoot, getThreads())).withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(KvCoder.of(StringUtf8Coder.of(), SummaryCoders.compositionSummary()));
    out.get(bad).setCoder(ErrorRecordCoder.of());
    return new Result(out, ok, bad);
  }

  static final class ScoreFn extends DoFn<KV<String, List<Keyframe>>, KV<String, CompositionSummary>> {
    private final TupleTag<ErrorRecord> bad;
    private final String root;
    private final int threads;
    private transient ExecutorService pool;

    ScoreFn(TupleTag<ErrorRecord> bad, String root, int threads) {
      this.bad = bad;
      this.root = root;
      this.threads = threads;
    }

    @Setup
    public void setup() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
      int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
      if (n > 1) {
        pool = Executors.newFixedThreadPool(n, r -> {
          Thread t = new Thread(r, "reelbeam-composition");
          t.setDaemon(true);
          return t;
        });
      }
    }

    @Teardown
    public void teardown() {
      if (pool != null) {
        pool.shutdownNow();
        pool = null;
      }
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String id = c.element().getKey();
      List<Keyframe> frames = c.element().getValue();
      OutputStore base = OutputStore.at(root);
      try {
        CompositionReport report = pool == null
            ? CompositionReport.score(id, frames, base)
            : CompositionReport.score(id, frames, base, pool);
        CompositionSummary summary = report.summary();
        base.write(summary.output(), report.toJson());
        c.output(KV.of(id, summary));
      } catch (IOException | UncheckedIOException | BadInputException e) {
        String first = frames.isEmpty() || !frames.get(0).written() ? null : frames.get(0).path();
        String input = first == null ? id : base.location(first.substring(0, first.lastIndexOf('/')));
        c.output(bad, Errors.of(input, id, STAGE, e));
      }
    }
  }
}
