package dev.reelbeam.transforms;

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
import dev.reelbeam.transforms.camera.CameraJson;
import dev.reelbeam.transforms.camera.CameraMotionAnalyzer;
import dev.reelbeam.transforms.camera.CameraReport;
import dev.reelbeam.transforms.camera.CameraSummary;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.scenes.Errors;
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
 * Camera movement per frame, per steady segment and per scene, from the global motion the decode
 * pass measured (give {@code VideoToFrames} a {@link
 * dev.reelbeam.transforms.motion.LucasKanadeMotion#factory()}): static, pan, tilt, zoom, roll,
 * pan_tilt, complex, with speed, intensity, smoothness, a dominant movement and a handheld flag per
 * scene. Frame pairs across a cut are skipped. Writes {@code analysis/camera/<video-id>_camera.json}
 * under the output root atomically; see {@link CameraMotionAnalyzer} for the method and {@link
 * CameraJson} for the document. A video that cannot be analysed becomes an {@link ErrorRecord} of
 * stage {@code camera}.
 */
@AutoValue
public abstract class OpticalFlow extends PTransform<PCollection<SceneDetection>, OpticalFlow.Result> {

  public static final String STAGE = "camera";

  abstract @Nullable String getOutputRoot();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputRoot(String root);

    abstract OpticalFlow build();
  }

  OpticalFlow() {}

  public static OpticalFlow create() {
    return new AutoValue_OpticalFlow.Builder().build();
  }

  /** The output root (a local directory); required. */
  public OpticalFlow to(String root) {
    return toBuilder().setOutputRoot(checkRoot(root)).build();
  }

  /** Per-video summaries, and the videos that failed. */
  public static final class Result extends WithErrors<KV<String, CameraSummary>> {
    Result(PCollectionTuple t, TupleTag<KV<String, CameraSummary>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    /** One summary per video id. */
    public PCollection<KV<String, CameraSummary>> cameras() {
      return output();
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(getOutputRoot()));
  }

  @Override
  public Result expand(PCollection<SceneDetection> detections) {
    String outputRoot = requireRoot(getOutputRoot(), "OpticalFlow");
    TupleTag<KV<String, CameraSummary>> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out =
        detections.apply(
            "AnalyseCameraMotion",
            ParDo.of(new AnalyseFn(bad, outputRoot)).withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(KvCoder.of(StringUtf8Coder.of(), SummaryCoders.cameraSummary()));
    out.get(bad).setCoder(ErrorRecordCoder.of());
    return new Result(out, ok, bad);
  }

  static final class AnalyseFn extends DoFn<SceneDetection, KV<String, CameraSummary>> {
    @Setup
    public void loadNatives() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
    }

    private final TupleTag<ErrorRecord> bad;
    private final String root;

    AnalyseFn(TupleTag<ErrorRecord> bad, String root) {
      this.bad = bad;
      this.root = root;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      SceneDetection d = c.element();
      String id = d.video().videoId();
      try {
        CameraReport report = new CameraMotionAnalyzer().analyze(d);
        CameraSummary summary = CameraJson.summary(report);
        OutputStore.at(root).write(summary.output(), CameraJson.toJson(report));
        c.output(KV.of(id, summary));
      } catch (IOException | UncheckedIOException | BadInputException e) {
        c.output(bad, Errors.of(d.video().path(), id, STAGE, e));
      }
    }
  }
}
