package dev.reelbeam.transforms.outputs;

import com.google.auto.value.AutoValue;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.transforms.coders.OutputCoders;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.coders.VideoInfoCoder;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.ErrorRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins, per video, the probed video, every branch's {@link OutputPart} and every error record, and
 * writes the video's manifest last, only when each expected branch reported its files and no
 * branch failed. Emits one {@link VideoEntry} per video (done or failed) for the dataset index.
 *
 * <p>Input: a {@link PCollectionTuple} with {@link #VIDEOS}, {@link #PARTS} (the parts of all
 * branches, flattened) and {@link #ERRORS} (already written by {@link WriteErrors}). A new branch
 * plugs in by adding its name to {@link #expecting} and its parts to {@link #PARTS}.
 */
@AutoValue
public abstract class WriteManifests extends PTransform<PCollectionTuple, PCollection<VideoEntry>> {

  public static final TupleTag<VideoInfo> VIDEOS = new TupleTag<>("videos") {};
  public static final TupleTag<KV<String, OutputPart>> PARTS = new TupleTag<>("parts") {};
  public static final TupleTag<ErrorRecord> ERRORS = new TupleTag<>("errors") {};

  // Static: an anonymous tag made inside expand() would capture this transform.
  private static final TupleTag<VideoInfo> JOIN_VIDEO = new TupleTag<>("video") {};
  private static final TupleTag<OutputPart> JOIN_PART = new TupleTag<>("part") {};
  private static final TupleTag<ErrorRecord> JOIN_ERROR = new TupleTag<>("error") {};

  /**
   * Branches whose errors do not fail the video when the branch also reported its files: the
   * subtitles of a good video with one unreadable subtitle file.
   */
  static final Set<String> PARTIAL_BRANCHES = Set.of(Branches.SUBTITLES);

  abstract String getOutputRoot();

  abstract SortedSet<String> getBranches();

  abstract SortedMap<String, String> getParameters();

  abstract String getVersion();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputRoot(String outputRoot);

    abstract Builder setBranches(SortedSet<String> branches);

    abstract Builder setParameters(SortedMap<String, String> parameters);

    abstract Builder setVersion(String version);

    abstract WriteManifests build();
  }

  WriteManifests() {}

  /** Manifests under {@code outputRoot}/manifests; configure with {@link #expecting} and {@link #withParameters}. */
  public static WriteManifests to(String outputRoot) {
    Objects.requireNonNull(outputRoot, "outputRoot");
    return new AutoValue_WriteManifests.Builder()
        .setOutputRoot(outputRoot)
        .setBranches(new TreeSet<>())
        .setParameters(new TreeMap<>())
        .setVersion(OutputLayout.VERSION)
        .build();
  }

  /** The branches whose parts make a video complete. */
  public WriteManifests expecting(Set<String> branchNames) {
    if (branchNames.isEmpty()) {
      throw new IllegalArgumentException("a manifest needs at least one branch");
    }
    return toBuilder().setBranches(new TreeSet<>(branchNames)).build();
  }

  /** The parameters recorded in the manifest and compared on resume. */
  public WriteManifests withParameters(Map<String, String> params) {
    return toBuilder().setParameters(new TreeMap<>(params)).build();
  }

  /** The outputs version (default {@link OutputLayout#VERSION}). */
  public WriteManifests withVersion(String v) {
    Objects.requireNonNull(v, "version");
    return toBuilder().setVersion(v).build();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .addIfNotNull(OutputLayout.rootItem(getOutputRoot()))
        .add(DisplayData.item("branches", String.join(",", getBranches())).withLabel("Branches a finished video has"))
        .add(DisplayData.item("version", getVersion()).withLabel("ReelBeam version"));
  }

  @Override
  public PCollection<VideoEntry> expand(PCollectionTuple input) {
    if (getBranches().isEmpty()) {
      throw new IllegalStateException("WriteManifests: call expecting(...) with the branch names");
    }
    TupleTag<VideoInfo> videoTag = JOIN_VIDEO;
    TupleTag<OutputPart> partTag = JOIN_PART;
    TupleTag<ErrorRecord> errorTag = JOIN_ERROR;
    PCollection<KV<String, VideoInfo>> videos =
        input.get(VIDEOS)
            .apply("KeyVideos", WithKeys.of((VideoInfo v) -> v.videoId()).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VideoInfoCoder.of()));
    PCollection<KV<String, OutputPart>> parts = input.get(PARTS);
    PCollection<KV<String, ErrorRecord>> errors =
        input.get(ERRORS)
            .apply("KeyErrors", WithKeys.of((ErrorRecord e) -> e.id()).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ErrorRecordCoder.of()));
    return KeyedPCollectionTuple.of(videoTag, videos)
        .and(partTag, parts)
        .and(errorTag, errors)
        .apply("JoinPerVideo", CoGroupByKey.create())
        .apply(
            "WriteManifestLast",
            ParDo.of(new ManifestFn(
                getOutputRoot(), getBranches(), getParameters(), getVersion(), videoTag, partTag, errorTag)))
        .setCoder(OutputCoders.videoEntry());
  }

  private static final class ManifestFn extends DoFn<KV<String, CoGbkResult>, VideoEntry> {
    private final String outputRoot;
    private final SortedSet<String> branches;
    private final SortedMap<String, String> parameters;
    private final String version;
    private final TupleTag<VideoInfo> videoTag;
    private final TupleTag<OutputPart> partTag;
    private final TupleTag<ErrorRecord> errorTag;

    ManifestFn(
        String outputRoot,
        SortedSet<String> branches,
        SortedMap<String, String> parameters,
        String version,
        TupleTag<VideoInfo> videoTag,
        TupleTag<OutputPart> partTag,
        TupleTag<ErrorRecord> errorTag) {
      this.outputRoot = outputRoot;
      this.branches = branches;
      this.parameters = parameters;
      this.version = version;
      this.videoTag = videoTag;
      this.partTag = partTag;
      this.errorTag = errorTag;
    }

    private final Counter videos = Metrics.counter("reelbeam", "videos");

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<VideoEntry> out)
        throws IOException {
      videos.inc();
      String id = joined.getKey();
      CoGbkResult r = joined.getValue();
      VideoInfo video = r.getOnly(videoTag, null);
      SortedMap<String, OutputPart> parts = new TreeMap<>();
      for (OutputPart p : r.getAll(partTag)) {
        parts.put(p.branch(), p);
      }
      SortedSet<String> errors = new TreeSet<>();
      // Errors of a branch that still reported its files: it wrote what it could read (a bad
      // subtitle file beside a good video), so the video is complete and --resume skips it.
      SortedSet<String> partial = new TreeSet<>();
      SortedSet<String> partialStages = new TreeSet<>();
      String path = video != null ? video.path() : null;
      for (ErrorRecord e : r.getAll(errorTag)) {
        String line = e.stage() + ": " + e.message();
        if (PARTIAL_BRANCHES.contains(e.stage()) && parts.containsKey(e.stage())) {
          partial.add(line);
          partialStages.add(e.stage());
        } else {
          errors.add(line);
        }
        path = path != null ? path : e.input();
      }
      OutputStore root = OutputStore.at(outputRoot);
      String manifest = OutputLayout.manifest(id);
      SortedSet<String> missing = new TreeSet<>(branches);
      missing.removeAll(parts.keySet());
      if (video == null || !errors.isEmpty() || !missing.isEmpty()) {
        if (errors.isEmpty() && partial.isEmpty()) {
          // Not reachable when every branch reports its failures; say so rather than pass silently.
          errors.add("manifest: branches " + missing + " finished without output or error");
        }
        errors.addAll(partial);
        root.delete(manifest);
        out.output(new VideoEntry(id, path, VideoEntry.FAILED, List.of(), new ArrayList<>(errors)));
        return;
      }
      parts.keySet().retainAll(branches);
      removeStaleOutputs(root, id, parts);
      root.write(
          manifest,
          VideoManifest.render(id, video.path(), video.fingerprint(), version, parameters, parts));
      removeStaleErrors(root, id, partialStages);
      out.output(new VideoEntry(id, video.path(), VideoEntry.DONE, new ArrayList<>(parts.values()),
          new ArrayList<>(partial)));
    }

    /**
     * Files an earlier run wrote for this video that the branches did not write now (a changed
     * input has other scenes, hence other frame names; a video that lost its audio has no WAV).
     */
    private static void removeStaleOutputs(OutputStore root, String id, Map<String, OutputPart> parts)
        throws IOException {
      for (OutputPart part : parts.values()) {
        String[] varying = OutputLayout.varyingFiles(part.branch(), id);
        if (varying == null) {
          continue;
        }
        Set<String> keep = new TreeSet<>(part.files());
        for (String name : root.list(varying[0], varying[1])) {
          String rel = varying[0] + "/" + name;
          if (!keep.contains(rel)) {
            root.delete(rel);
          }
        }
      }
    }

    /**
     * Error records of an earlier failed run of this video no longer apply; those of {@code
     * keep}'s stages were written by this run.
     */
    private static void removeStaleErrors(OutputStore root, String id, Set<String> keep) throws IOException {
      for (String name : root.list(OutputLayout.ERRORS_DIR, glob(id) + ".*.json")) {
        String stage = name.substring(id.length() + 1, name.length() - ".json".length());
        if (!keep.contains(stage)) {
          root.delete(OutputLayout.ERRORS_DIR + "/" + name);
        }
      }
    }

    private static String glob(String id) {
      return id.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
  }
}
