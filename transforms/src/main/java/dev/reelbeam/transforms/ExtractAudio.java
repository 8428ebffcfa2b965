package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkRoot;
import static dev.reelbeam.transforms.Checks.requireRoot;

import com.google.auto.value.AutoValue;
import javax.annotation.Nullable;
import dev.reelbeam.transforms.coders.OutputCoders;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.scenes.BadInputException;
import java.io.UncheckedIOException;
import java.io.IOException;
import dev.reelbeam.io.audio.AudioExtractor;
import dev.reelbeam.io.audio.AudioInfo;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.ErrorRecord;
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
 * Writes each video's whole audio track as {@code <outputRoot>/audio/<video-id>_audio.wav}: 16 kHz,
 * mono, 16-bit PCM, atomically. A video without audio yields an {@link AudioInfo} with a null path
 * (no file, not an error). An audio stream that cannot be decoded becomes an {@link ErrorRecord} of
 * stage {@code audio}; the video's other outputs are not affected.
 */
@AutoValue
public abstract class ExtractAudio extends PTransform<PCollection<VideoInfo>, ExtractAudio.Result> {

  public static final String STAGE = "audio";

  abstract @Nullable String getOutputRoot();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputRoot(String root);

    abstract ExtractAudio build();
  }

  ExtractAudio() {}

  public static ExtractAudio create() {
    return new AutoValue_ExtractAudio.Builder().build();
  }

  /** The output root (a local directory); required. */
  public ExtractAudio to(String root) {
    return toBuilder().setOutputRoot(checkRoot(root)).build();
  }

  /** Audio per video, and the videos whose audio failed. */
  public static final class Result extends WithErrors<KV<String, AudioInfo>> {
    Result(PCollectionTuple t, TupleTag<KV<String, AudioInfo>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<KV<String, AudioInfo>> audio() {
      return output();
    }
  }

  /** {@code audio/<video-id>_audio.wav}. */
  public static String relativePath(String videoId) {
    return "audio/" + videoId + "_audio.wav";
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(getOutputRoot()));
  }

  @Override
  public Result expand(PCollection<VideoInfo> videos) {
    String outputRoot = requireRoot(getOutputRoot(), "ExtractAudio");
    TupleTag<KV<String, AudioInfo>> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out =
        videos.apply(
            "WriteAudio", ParDo.of(new AudioFn(bad, outputRoot)).withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(KvCoder.of(StringUtf8Coder.of(), OutputCoders.audioInfo()));
    out.get(bad).setCoder(ErrorRecordCoder.of());
    return new Result(out, ok, bad);
  }

  static final class AudioFn extends DoFn<VideoInfo, KV<String, AudioInfo>> {
    @Setup
    public void loadNatives() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
    }

    private final TupleTag<ErrorRecord> bad;
    private final String root;

    AudioFn(TupleTag<ErrorRecord> bad, String root) {
      this.bad = bad;
      this.root = root;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      VideoInfo v = c.element();
      try {
        AudioInfo info =
            v.hasAudio()
                ? AudioExtractor.extract(v.path(), OutputStore.at(root), relativePath(v.videoId()))
                : AudioInfo.none();
        c.output(KV.of(v.videoId(), info));
      } catch (IOException | UncheckedIOException | BadInputException e) {
        c.output(bad, Errors.of(v.path(), v.videoId(), STAGE, e));
      }
    }
  }
}
