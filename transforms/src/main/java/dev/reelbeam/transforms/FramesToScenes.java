package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.coders.SceneDetectionCoder;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.scenes.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.scenes.Errors;
import dev.reelbeam.transforms.scenes.SceneDetector;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Cut detection by any of PySceneDetect's five detectors, exactly (ContentDetector by default;
 * {@link DetectorSettings#detector()} chooses): groups the segment signals of each video, stitches
 * them into one sequential pass, runs the detector on every frame's metrics, and builds the scene
 * list. A video whose segments cannot be stitched (one failed to
 * decode) becomes an {@link ErrorRecord} of stage {@code scenes}.
 *
 * <p>Numbering: frames are 0-based indices of decoded frames and every frame keeps its timestamp.
 * PySceneDetect names a cut {@code round(seconds * fps)}; the two differ where timestamps do not sit
 * on the nominal grid (VFR, a start offset): goldeneye-vfr-drop3.mp4 cuts at decoded frames 60 and
 * 140, which are 3.754 s and 8.759 s, PySceneDetect's nominal 90 and 210. The flash filter itself
 * runs on timestamps, as PySceneDetect's does, so the cuts fall on the same frames; the other
 * detectors' minimum scene length counts PySceneDetect's nominal frames of the time since the last
 * cut, and ThresholdDetector places its cut on nominal frame numbers, then takes the first decoded
 * frame at or after it.
 *
 * <p>The settings' downscale target and edge weight must match those given to
 * {@code VideoToFrames.withSettings}: the deltas are computed while decoding.
 */
@AutoValue
public abstract class FramesToScenes
    extends PTransform<PCollection<KV<String, SegmentSignals>>, FramesToScenes.Result> {

  public static final String STAGE = "scenes";

  abstract DetectorSettings getSettings();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSettings(DetectorSettings settings);

    abstract FramesToScenes build();
  }

  FramesToScenes() {}

  public static FramesToScenes create() {
    return new AutoValue_FramesToScenes.Builder().setSettings(DetectorSettings.defaults()).build();
  }

  /** The detector and its parameters; each is checked here, so a bad one fails where it is given. */
  public FramesToScenes withSettings(DetectorSettings settings) {
    checkArgument(settings != null, "settings must not be null");
    checkArgument(settings.threshold() >= 0 && settings.minSceneLen() >= 0,
        "threshold and minSceneLen must be >= 0: %s", settings);
    double wsum = Math.abs(settings.weightHue()) + Math.abs(settings.weightSat())
        + Math.abs(settings.weightLum()) + Math.abs(settings.weightEdges());
    checkArgument(wsum > 0, "at least one weight must be non-zero: %s", settings);
    checkArgument(settings.adaptiveThreshold() >= 0 && settings.minContentVal() >= 0,
        "adaptiveThreshold and minContentVal must be >= 0: %s", settings);
    checkArgument(settings.hashThreshold() >= 0 && settings.hashThreshold() <= 1
            && settings.histogramThreshold() >= 0 && settings.histogramThreshold() <= 1,
        "hashThreshold and histogramThreshold must be 0-1: %s", settings);
    checkArgument(settings.fadeThreshold() >= 0 && settings.fadeThreshold() <= 255,
        "fadeThreshold must be 0-255: %s", settings);
    return toBuilder().setSettings(settings).build();
  }

  /** One detection per video, and the videos that failed. */
  public static final class Result extends WithErrors<SceneDetection> {
    Result(PCollectionTuple t, TupleTag<SceneDetection> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<SceneDetection> scenes() {
      return output();
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("detector", getSettings().detector().name()).withLabel("Detector"))
        .add(DisplayData.item("threshold", getSettings().threshold()).withLabel("Threshold"))
        .add(DisplayData.item("minSceneLen", getSettings().minSceneLen()).withLabel("Minimum scene length (frames)"))
        .add(DisplayData.item("splitGradual", getSettings().splitGradual()).withLabel("Fades and dissolves split scenes"));
  }

  @Override
  public Result expand(PCollection<KV<String, SegmentSignals>> signals) {
    TupleTag<SceneDetection> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out =
        signals
            .apply("GroupByVideo", GroupByKey.create())
            .apply(
                "StitchAndDetect",
                ParDo.of(new DetectFn(bad, getSettings())).withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(SceneDetectionCoder.of());
    out.get(bad).setCoder(ErrorRecordCoder.of());
    return new Result(out, ok, bad);
  }

  static final class DetectFn extends DoFn<KV<String, Iterable<SegmentSignals>>, SceneDetection> {
    private final TupleTag<ErrorRecord> bad;
    private final DetectorSettings settings;

    DetectFn(TupleTag<ErrorRecord> bad, DetectorSettings settings) {
      this.bad = bad;
      this.settings = settings;
    }

    private final Counter scenes = Metrics.counter("reelbeam", "scenes");

    @ProcessElement
    public void process(ProcessContext c) {
      String id = c.element().getKey();
      // Copied once: some runners (Flink) give a GroupByKey result that can be iterated only once.
      List<SegmentSignals> parts = new ArrayList<>();
      c.element().getValue().forEach(parts::add);
      String input = parts.isEmpty() ? id : parts.get(0).video().path();
      try {
        SceneDetection detection = SceneDetector.detect(parts, settings);
        scenes.inc(detection.scenes().size());
        c.output(detection);
      } catch (BadInputException e) {
        c.output(bad, Errors.of(input, id, STAGE, e));
      }
    }
  }
}
