package dev.reelbeam.transforms.outputs;

import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.transforms.coders.OutputCoders;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.coders.SceneDetectionCoder;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.SceneDetection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes each video's cut files ({@code analysis/scenes/<id>_scenes.json}, {@code _scenes.csv},
 * {@code _stats.csv}) and emits the {@link Branches#SCENES} part for the manifest join.
 *
 * <p>With {@link #withKeyframes} the scenes JSON lists each scene's written frames; the files of a
 * video are then written once its frames exist (a video whose frames failed gets no scenes files
 * in this run: its error record already blocks its manifest, and a resume redoes it).
 */
public final class WriteScenes
    extends PTransform<PCollection<SceneDetection>, PCollection<KV<String, OutputPart>>> {

  // Static: an anonymous tag made inside expand() would capture this transform (and its PCollection).
  private static final TupleTag<SceneDetection> SCENE_TAG = new TupleTag<>("scenes") {};
  private static final TupleTag<List<Keyframe>> FRAME_TAG = new TupleTag<>("keyframes") {};

  private final String outputRoot;
  private final transient PCollection<KV<String, List<Keyframe>>> keyframes;

  private WriteScenes(String outputRoot, PCollection<KV<String, List<Keyframe>>> keyframes) {
    this.outputRoot = outputRoot;
    this.keyframes = keyframes;
  }

  /** Writes under {@code outputRoot}, scenes JSON without keyframes. */
  public static WriteScenes to(String outputRoot) {
    Objects.requireNonNull(outputRoot, "outputRoot");
    return new WriteScenes(outputRoot, null);
  }

  /** Lists these written frames (per video id) in the scenes JSON. */
  public WriteScenes withKeyframes(PCollection<KV<String, List<Keyframe>>> frames) {
    Objects.requireNonNull(frames, "frames");
    return new WriteScenes(outputRoot, frames);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(OutputLayout.rootItem(outputRoot));
  }

  @Override
  public PCollection<KV<String, OutputPart>> expand(PCollection<SceneDetection> scenes) {
    PCollection<KV<String, OutputPart>> parts;
    if (keyframes == null) {
      parts = scenes.apply("WriteSceneFiles", ParDo.of(new WriteAloneFn(outputRoot)));
    } else {
      TupleTag<SceneDetection> sceneTag = SCENE_TAG;
      TupleTag<List<Keyframe>> frameTag = FRAME_TAG;
      PCollection<KV<String, SceneDetection>> keyed =
          scenes
              .apply("KeyByVideo", WithKeys.of((SceneDetection d) -> d.video().videoId())
                  .withKeyType(TypeDescriptors.strings()))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), SceneDetectionCoder.of()));
      parts =
          KeyedPCollectionTuple.of(sceneTag, keyed)
              .and(frameTag, keyframes)
              .apply("JoinKeyframes", CoGroupByKey.create())
              .apply("WriteSceneFiles", ParDo.of(new WriteJoinedFn(outputRoot, sceneTag, frameTag)));
    }
    return parts.setCoder(KvCoder.of(StringUtf8Coder.of(), OutputCoders.outputPart()));
  }

  /** Writes the three files; returns the part naming them. */
  static OutputPart write(String outputRoot, SceneDetection d, List<Keyframe> frames)
      throws IOException {
    String id = d.video().videoId();
    OutputStore root = OutputStore.at(outputRoot);
    // Stats first, JSON last: the JSON is what readers look for.
    root.write(OutputLayout.statsCsv(id), SceneFiles.statsCsv(d));
    root.write(OutputLayout.scenesCsv(id), SceneFiles.scenesCsv(d));
    root.write(OutputLayout.scenesJson(id), SceneFiles.scenesJson(d, frames));
    return new OutputPart(
        id,
        Branches.SCENES,
        List.of(OutputLayout.scenesJson(id), OutputLayout.scenesCsv(id), OutputLayout.statsCsv(id)),
        d.scenes().size(),
        "");
  }

  private static final class WriteAloneFn extends DoFn<SceneDetection, KV<String, OutputPart>> {
    private final String outputRoot;

    WriteAloneFn(String outputRoot) {
      this.outputRoot = outputRoot;
    }

    @ProcessElement
    public void process(@Element SceneDetection d, OutputReceiver<KV<String, OutputPart>> out)
        throws IOException {
      out.output(KV.of(d.video().videoId(), write(outputRoot, d, List.of())));
    }
  }

  private static final class WriteJoinedFn extends DoFn<KV<String, CoGbkResult>, KV<String, OutputPart>> {
    private final String outputRoot;
    private final TupleTag<SceneDetection> sceneTag;
    private final TupleTag<List<Keyframe>> frameTag;

    WriteJoinedFn(String outputRoot, TupleTag<SceneDetection> sceneTag, TupleTag<List<Keyframe>> frameTag) {
      this.outputRoot = outputRoot;
      this.sceneTag = sceneTag;
      this.frameTag = frameTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<KV<String, OutputPart>> out)
        throws IOException {
      SceneDetection d = joined.getValue().getOnly(sceneTag, null);
      Iterable<List<Keyframe>> frameLists = joined.getValue().getAll(frameTag);
      if (d == null || !frameLists.iterator().hasNext()) {
        return; // the failing branch sent its own error record
      }
      List<Keyframe> frames = new ArrayList<>();
      frameLists.forEach(frames::addAll);
      out.output(KV.of(joined.getKey(), write(outputRoot, d, frames)));
    }
  }
}
