package dev.reelbeam.pipelines;

import dev.reelbeam.transforms.coders.OutputCoders;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.outputs.VideoEntry;
import dev.reelbeam.transforms.outputs.VideoManifest;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@code --resume}: splits video paths into those to process and those whose manifest already
 * matches (same input fingerprint, parameters and version, every listed file present), which are
 * skipped and reported in the index from their manifest. A changed input or changed parameters
 * fail the match, so the video is redone.
 */
public final class SkipFinished extends PTransform<PCollection<String>, PCollectionTuple> {

  /** Paths still to process. */
  public static final TupleTag<String> TODO = new TupleTag<>("todo") {};

  /** Index entries of videos that are already complete. */
  public static final TupleTag<VideoEntry> SKIPPED = new TupleTag<>("skipped") {};

  private final String outputRoot;
  private final SortedMap<String, String> parameters;
  private final java.util.SortedSet<String> branches;
  private final String version;
  private final boolean enabled;

  private SkipFinished(String outputRoot, SortedMap<String, String> parameters, java.util.SortedSet<String> branches, String version, boolean enabled) {
    this.outputRoot = outputRoot;
    this.parameters = parameters;
    this.branches = branches;
    this.version = version;
    this.enabled = enabled;
  }

  /** Compares against manifests under {@code outputRoot}; {@code enabled=false} processes everything. */
  public static SkipFinished in(
      String outputRoot, Map<String, String> parameters, java.util.Set<String> branches, String version, boolean enabled) {
    return new SkipFinished(outputRoot, new TreeMap<>(parameters), new java.util.TreeSet<>(branches), version, enabled);
  }

  @Override
  public void populateDisplayData(org.apache.beam.sdk.transforms.display.DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(outputRoot))
        .add(org.apache.beam.sdk.transforms.display.DisplayData.item("resume", enabled)
            .withLabel("Skip videos whose manifest matches (--resume)"))
        .add(org.apache.beam.sdk.transforms.display.DisplayData.item("outputsVersion", version)
            .withLabel("Outputs version a manifest must name"))
        .add(org.apache.beam.sdk.transforms.display.DisplayData.item("branches", String.join(",", branches))
            .withLabel("Branches a finished video has"));
  }

  @Override
  public PCollectionTuple expand(PCollection<String> paths) {
    PCollectionTuple out =
        paths.apply("MatchManifest", ParDo.of(new SkipFn(outputRoot, parameters, branches, version, enabled))
            .withOutputTags(TODO, TupleTagList.of(SKIPPED)));
    out.get(TODO).setCoder(StringUtf8Coder.of());
    out.get(SKIPPED).setCoder(OutputCoders.videoEntry());
    return out;
  }

  private static final class SkipFn extends DoFn<String, String> {
    private final String outputRoot;
    private final SortedMap<String, String> parameters;
    private final java.util.SortedSet<String> branches;
    private final String version;
    private final boolean enabled;

    SkipFn(String outputRoot, SortedMap<String, String> parameters, java.util.SortedSet<String> branches, String version, boolean enabled) {
      this.outputRoot = outputRoot;
      this.parameters = parameters;
      this.branches = branches;
      this.version = version;
      this.enabled = enabled;
    }

    @ProcessElement
    public void process(@Element String path, MultiOutputReceiver out) {
      Optional<VideoEntry> done =
          enabled
              ? VideoManifest.matches(outputRoot, VideoId.of(path), path, parameters, branches, version)
              : Optional.empty();
      if (done.isPresent()) {
        out.get(SKIPPED).output(done.get());
      } else {
        out.get(TODO).output(path);
      }
    }
  }
}
