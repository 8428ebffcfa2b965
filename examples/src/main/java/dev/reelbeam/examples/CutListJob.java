package dev.reelbeam.examples;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.FramesToScenes;
import dev.reelbeam.transforms.ProbeVideos;
import dev.reelbeam.transforms.VideoToFrames;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A Beam job of its own built from ReelBeam's public transforms: it finds videos with Beam's
 * {@link FileIO}, probes them, decodes each once ({@link VideoToFrames}), detects the cuts
 * ({@link FramesToScenes}) and writes one cut list per video with a DoFn of its own, through Beam's
 * {@link FileSystems} (so {@code --output} may be any filesystem the job has registered).
 *
 * <pre>
 * java -cp ... dev.reelbeam.examples.CutListJob --input='/films/*.mp4' --output=/tmp/cuts
 * </pre>
 *
 * <p>Writes {@code <output>/<video-id>.cuts.csv} (scene, first frame, end frame exclusive, times)
 * and {@code <output>/errors.txt} (one line per input that could not be read; empty when none).
 */
public final class CutListJob {

  /** The job's own flags, next to Beam's ({@code --runner} and the rest). */
  public interface Options extends PipelineOptions {
    @Description("Videos: a file pattern Beam's FileIO matches, e.g. /films/*.mp4")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Description("Directory the cut lists are written to")
    @Validation.Required
    String getOutput();

    void setOutput(String value);
  }

  private CutListJob() {}

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    PipelineResult.State state = build(options).run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the job ended " + state);
    }
  }

  /** The graph: match, probe, decode, detect, write. */
  public static Pipeline build(Options options) {
    Pipeline p = Pipeline.create(options);
    PCollection<String> videos =
        p.apply("MatchVideos", FileIO.match().filepattern(options.getInput()))
            .apply("ReadMatches", FileIO.readMatches())
            .apply(
                "Paths",
                MapElements.into(TypeDescriptors.strings())
                    .via((FileIO.ReadableFile f) -> f.getMetadata().resourceId().toString()));

    ProbeVideos.Result probed = videos.apply("Probe", ProbeVideos.create());
    PCollection<VideoInfo> info = probed.videos();
    VideoToFrames.Result decoded = info.apply("Decode", VideoToFrames.create());
    FramesToScenes.Result detected = decoded.signals().apply("DetectCuts", FramesToScenes.create());

    detected.scenes().apply("WriteCutLists", ParDo.of(new WriteCutListFn(options.getOutput())));

    // Every transform returns its failures beside its results: one line per bad input.
    PCollectionList.of(probed.errors())
        .and(decoded.errors())
        .and(detected.errors())
        .apply("AllErrors", Flatten.pCollections())
        .apply(
            "ErrorLines",
            MapElements.into(TypeDescriptors.strings())
                .via((ErrorRecord e) -> e.input() + "\t" + e.stage() + "\t" + e.message()))
        .apply(
            "WriteErrors",
            TextIO.write()
                .to(directory(options.getOutput()).resolve("errors", StandardResolveOptions.RESOLVE_FILE))
                .withSuffix(".txt")
                .withoutSharding());
    return p;
  }

  private static ResourceId directory(String output) {
    return FileSystems.matchNewResource(output, true);
  }

  /**
   * Writes one video's cut list to {@code <output>/<video-id>.cuts.csv}: to a temporary name first,
   * then renamed, so a file under its final name is always complete.
   */
  static final class WriteCutListFn extends DoFn<SceneDetection, Void> {
    private final String output;

    WriteCutListFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element SceneDetection detection) throws IOException {
      ResourceId dir = directory(output);
      String name = detection.video().videoId() + ".cuts.csv";
      ResourceId target = dir.resolve(name, StandardResolveOptions.RESOLVE_FILE);
      ResourceId tmp = dir.resolve(".tmp-" + name, StandardResolveOptions.RESOLVE_FILE);
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(tmp, "text/csv"))) {
        out.write(render(detection.scenes()).getBytes(StandardCharsets.UTF_8));
      }
      FileSystems.rename(List.of(tmp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
    }

    static String render(List<Scene> scenes) {
      StringBuilder csv = new StringBuilder("scene,start_frame,end_frame,start_seconds,end_seconds\n");
      for (Scene s : scenes) {
        csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.3f%n",
            s.sceneId(), s.startFrame(), s.endFrame(), s.startTime(), s.endTime()));
      }
      return csv.toString();
    }
  }
}
