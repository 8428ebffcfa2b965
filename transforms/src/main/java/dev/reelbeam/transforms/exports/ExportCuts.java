package dev.reelbeam.transforms.exports;

import dev.reelbeam.io.files.OutputStore;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.model.SceneDetection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each video's cut list for editors beside its scene list: {@code
 * analysis/scenes/<video-id>.edl} (CMX 3600, {@link EdlWriter}) and {@code
 * analysis/scenes/<video-id>.otio} (OpenTimelineIO, {@link OtioWriter}), atomically, with bytes
 * that depend only on the detection.
 *
 * <pre>{@code
 * PCollection<KV<String, List<String>>> written =
 *     detections.apply(ExportCuts.to("/data/out"));
 * }</pre>
 *
 * <p>Emits, per video id, the paths written, relative to the output root and with '/' separators.
 * A failed write (disk full, no permission) fails the bundle and Beam retries it: the writes are
 * idempotent. A detection is always exportable ({@code FramesToScenes} gives every video at least
 * one scene), so there is no dead-letter output.
 */
public final class ExportCuts
    extends PTransform<PCollection<SceneDetection>, PCollection<KV<String, List<String>>>> {

  /** Folder of the scene lists and exports, relative to the output root. */
  public static final String SCENES_DIR = "analysis/scenes";

  private final String outputRoot;
  private final boolean edl;
  private final boolean otio;

  private ExportCuts(String outputRoot, boolean edl, boolean otio) {
    if (outputRoot == null || outputRoot.isBlank()) {
      throw new IllegalArgumentException("ExportCuts needs an output root");
    }
    if (!edl && !otio) {
      throw new IllegalArgumentException("ExportCuts with neither EDL nor OTIO writes nothing");
    }
    this.outputRoot = outputRoot;
    this.edl = edl;
    this.otio = otio;
  }

  /** Writes both formats under {@code outputRoot} (a local or mounted directory). */
  public static ExportCuts to(String outputRoot) {
    return new ExportCuts(outputRoot, true, true);
  }

  /** Whether to write the CMX 3600 EDL (default true). */
  public ExportCuts withEdl(boolean enabled) {
    return new ExportCuts(outputRoot, enabled, otio);
  }

  /** Whether to write the OpenTimelineIO file (default true). */
  public ExportCuts withOtio(boolean enabled) {
    return new ExportCuts(outputRoot, edl, enabled);
  }

  /** The EDL's path relative to the output root. */
  public static String edlPath(String videoId) {
    return SCENES_DIR + "/" + videoId + ".edl";
  }

  /** The OTIO file's path relative to the output root. */
  public static String otioPath(String videoId) {
    return SCENES_DIR + "/" + videoId + ".otio";
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .addIfNotNull(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(outputRoot))
        .add(DisplayData.item("edl", edl).withLabel("CMX 3600 EDL"))
        .add(DisplayData.item("otio", otio).withLabel("OpenTimelineIO"));
  }

  @Override
  public PCollection<KV<String, List<String>>> expand(PCollection<SceneDetection> input) {
    return input
        .apply("WriteEdlAndOtio", ParDo.of(new WriteFn(outputRoot, edl, otio)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(StringUtf8Coder.of())));
  }

  /**
   * Writes both files of one detection; returns the relative paths written. The plain-Java entry
   * for callers outside Beam.
   */
  public static List<String> write(SceneDetection detection, Path outputRoot, boolean edl, boolean otio)
      throws IOException {
    return write(detection, OutputStore.at(outputRoot.toString()), edl, otio);
  }

  /** Writes both files of one detection to {@code outputRoot}; returns the relative paths written. */
  public static List<String> write(SceneDetection detection, OutputStore outputRoot, boolean edl, boolean otio)
      throws IOException {
    CutList cuts = CutList.of(detection);
    List<String> written = new ArrayList<>(2);
    if (edl) {
      String rel = edlPath(cuts.videoId());
      outputRoot.write(rel, EdlWriter.render(cuts).getBytes(StandardCharsets.UTF_8));
      written.add(rel);
    }
    if (otio) {
      String rel = otioPath(cuts.videoId());
      outputRoot.write(rel, OtioWriter.render(cuts));
      written.add(rel);
    }
    return written;
  }

  private static final class WriteFn extends DoFn<SceneDetection, KV<String, List<String>>> {
    private final String outputRoot;
    private final boolean edl;
    private final boolean otio;

    WriteFn(String outputRoot, boolean edl, boolean otio) {
      this.outputRoot = outputRoot;
      this.edl = edl;
      this.otio = otio;
    }

    @ProcessElement
    public void process(@Element SceneDetection detection, OutputReceiver<KV<String, List<String>>> out)
        throws IOException {
      List<String> written = write(detection, OutputStore.at(outputRoot), edl, otio);
      out.output(KV.of(detection.video().videoId(), written));
    }
  }
}
