package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkRoot;
import static dev.reelbeam.transforms.Checks.requireRoot;

import com.google.auto.value.AutoValue;
import javax.annotation.Nullable;
import dev.reelbeam.transforms.coders.VideoSubtitlesCoder;
import dev.reelbeam.transforms.coders.OutputCoders;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.io.subtitles.BadSubtitleException;
import dev.reelbeam.io.subtitles.SidecarFiles;
import dev.reelbeam.io.subtitles.SrtFormat;
import dev.reelbeam.io.subtitles.SubtitleCue;
import dev.reelbeam.io.subtitles.SubtitleReader;
import dev.reelbeam.io.subtitles.SubtitleTrack;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.outputs.Branches;
import dev.reelbeam.transforms.outputs.OutputPart;
import dev.reelbeam.transforms.subtitles.VideoSubtitles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Every text subtitle of each video: sidecar files beside it with its base name ({@code film.srt},
 * {@code film.en.srt}, {@code film.vtt}, {@code film.ass}) and text tracks inside it (SubRip, ASS,
 * mov_text, WebVTT), read through FFmpeg's demuxers and decoders. Writes, atomically,
 * {@code subtitles/<video-id>.<track>.srt} (UTF-8, tags removed, time order) for each text track
 * and {@code subtitles/<video-id>_subtitles.json} (every track, bitmap ones listed as skipped with
 * the reason, and each cue with the scene it falls in). A track that cannot be read becomes an
 * {@link ErrorRecord} of stage {@code subtitles}; the video's other tracks and outputs are kept.
 *
 * <pre>{@code
 * ExtractSubtitles.Result subs = scenes.apply(ExtractSubtitles.create().to(outputRoot));
 * }</pre>
 */
@AutoValue
public abstract class ExtractSubtitles
    extends PTransform<PCollection<SceneDetection>, ExtractSubtitles.Result> {

  public static final String STAGE = "subtitles";

  abstract @Nullable String getOutputRoot();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputRoot(String root);

    abstract ExtractSubtitles build();
  }

  ExtractSubtitles() {}

  public static ExtractSubtitles create() {
    return new AutoValue_ExtractSubtitles.Builder().build();
  }

  /** The output root (a local directory); required. */
  public ExtractSubtitles to(String root) {
    return toBuilder().setOutputRoot(checkRoot(root)).build();
  }

  /** {@code subtitles/<video-id>_subtitles.json}. */
  public static String jsonPath(String videoId) {
    return "subtitles/" + videoId + "_subtitles.json";
  }

  /** {@code subtitles/<video-id>.<track>.srt}. */
  public static String srtPath(String videoId, String trackId) {
    return "subtitles/" + videoId + "." + trackId + ".srt";
  }

  /** Subtitles per video, the manifest parts, and the tracks that could not be read. */
  public static final class Result extends WithErrors<KV<String, VideoSubtitles>> {
    Result(PCollectionTuple t, TupleTag<KV<String, VideoSubtitles>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<KV<String, VideoSubtitles>> subtitles() {
      return output();
    }

    /** The subtitles branch of each video's manifest. */
    public PCollection<KV<String, OutputPart>> parts() {
      return output().apply("SubtitlesDone", MapElements.via(new ToPart()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), OutputCoders.outputPart()));
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(getOutputRoot()));
  }

  @Override
  public Result expand(PCollection<SceneDetection> scenes) {
    String outputRoot = requireRoot(getOutputRoot(), "ExtractSubtitles");
    TupleTag<KV<String, VideoSubtitles>> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    PCollectionTuple out = scenes.apply("ReadSubtitles",
        ParDo.of(new SubtitlesFn(bad, outputRoot)).withOutputTags(ok, TupleTagList.of(bad)));
    out.get(ok).setCoder(KvCoder.of(StringUtf8Coder.of(), VideoSubtitlesCoder.of()));
    out.get(bad).setCoder(ErrorRecordCoder.of());
    return new Result(out, ok, bad);
  }

  /**
   * Subtitle files under {@code inputDir} (recursively) with no video of their base name beside
   * them: each becomes an error record, so a renamed or missing film is noticed.
   */
  public static PTransform<PBegin, PCollection<ErrorRecord>> orphans(String inputDir) {
    return new PTransform<>() {
      @Override
      public PCollection<ErrorRecord> expand(PBegin begin) {
        return begin.apply("Input", Create.of(inputDir).withCoder(StringUtf8Coder.of()))
            .apply("FindOrphanSidecars", ParDo.of(new OrphansFn()))
            .setCoder(ErrorRecordCoder.of());
      }
    };
  }

  static final class OrphansFn extends DoFn<String, ErrorRecord> {
    @ProcessElement
    public void process(@Element String input, OutputReceiver<ErrorRecord> out) throws IOException {
      if (Locations.isRemote(input)) {
        remoteOrphans(input).forEach(out::output);
        return;
      }
      Path dir = Path.of(input);
      if (!Files.isDirectory(dir)) {
        return; // a glob or a single file: sidecars are found beside each video instead
      }
      List<Path> subtitles = new ArrayList<>();
      // Links followed as the video search follows them; a folder that cannot be entered or a
      // link loop is the video search's error to report, not this one's: skipped here.
      Files.walkFileTree(dir, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path f,
                java.nio.file.attribute.BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !f.getFileName().toString().startsWith(".")
                  && SidecarFiles.isSubtitleFile(f)) {
                subtitles.add(f);
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
      subtitles.sort(null);
      for (Path f : subtitles) {
        if (!SidecarFiles.hasVideo(f)) {
          out.output(orphan(f.toString(), f.getFileName().toString()));
        }
      }
    }
  }

  /**
   * The orphan subtitle files under a folder on another Beam filesystem ({@code hdfs://nn/films}):
   * listed recursively through {@link org.apache.beam.sdk.io.FileSystems} as {@code MatchVideos}
   * lists the videos there ({@code films**}, only what lies under {@code films/}), each checked
   * against the names in its own folder. A glob or a single file has none (sidecars are found beside
   * each video); a listing that fails is the video search's error to report.
   */
  static List<ErrorRecord> remoteOrphans(String input) throws IOException {
    String dir = input.replaceAll("/+$", "");
    if (dir.matches(".*[*?\\[{].*")) {
      return List.of();
    }
    org.apache.beam.sdk.io.fs.MatchResult m = org.apache.beam.sdk.io.FileSystems.match(
        dir + "**", org.apache.beam.sdk.io.fs.EmptyMatchTreatment.ALLOW);
    if (m.status() != org.apache.beam.sdk.io.fs.MatchResult.Status.OK) {
      return List.of();
    }
    java.util.Map<String, List<String>> byFolder = new java.util.TreeMap<>();
    for (org.apache.beam.sdk.io.fs.MatchResult.Metadata md : m.metadata()) {
      String path = md.resourceId().toString();
      String name = md.resourceId().getFilename();
      if (name != null && path.startsWith(dir + "/") && !md.resourceId().isDirectory()) {
        byFolder.computeIfAbsent(path.substring(0, path.lastIndexOf('/')), k -> new ArrayList<>()).add(name);
      }
    }
    List<ErrorRecord> orphans = new ArrayList<>();
    byFolder.forEach((folder, names) -> names.stream().sorted()
        .filter(n -> SidecarFiles.isSubtitleFile(Path.of(n)) && !SidecarFiles.hasVideo(n, names))
        .forEach(n -> orphans.add(orphan(folder + "/" + n, n))));
    return orphans;
  }

  private static ErrorRecord orphan(String path, String name) {
    return new ErrorRecord(path, VideoId.of(path), STAGE, BadSubtitleException.class.getName(),
        name + ": a subtitle file with no video of the same base name beside it (renamed or missing film?)");
  }

  static final class SubtitlesFn extends DoFn<SceneDetection, KV<String, VideoSubtitles>> {
    @Setup
    public void loadNatives() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
    }

    private final TupleTag<ErrorRecord> bad;
    private final String root;

    SubtitlesFn(TupleTag<ErrorRecord> bad, String root) {
      this.bad = bad;
      this.root = root;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      SceneDetection d = c.element();
      String videoId = d.video().videoId();
      Path video = Path.of(d.video().path());
      List<String> problems = new ArrayList<>();
      List<SubtitleTrack> tracks = new ArrayList<>();
      List<SidecarFiles.Sidecar> sidecars = List.of();
      try {
        sidecars = Files.isRegularFile(video) ? SidecarFiles.of(video) : List.of();
      } catch (IOException e) {
        problems.add("the folder of " + video.getFileName() + " cannot be listed for subtitle files: " + e);
      }
      for (SidecarFiles.Sidecar s : sidecars) {
        try {
          tracks.add(SubtitleReader.sidecar(s));
        } catch (IOException e) {
          problems.add(e.getMessage());
        }
      }
      if (Locations.isRemote(d.video().path())) {
        tracks.addAll(remoteSidecars(d.video().path(), problems));
      }
      try {
        tracks.addAll(SubtitleReader.embedded(d.video().path(), problems));
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
      for (SubtitleTrack t : tracks) {
        for (String w : t.warnings()) {
          if (w.contains("malformed")) {
            problems.add(Path.of(t.file()).getFileName() + " track " + t.trackId() + ": " + w);
          }
        }
      }
      tracks = unique(tracks);
      List<String> files = write(videoId, d.video().path(), tracks, d.scenes());
      c.output(KV.of(videoId, new VideoSubtitles(videoId, tracks, files)));
      if (!problems.isEmpty()) {
        c.output(bad, new ErrorRecord(d.video().path(), videoId, STAGE,
            BadSubtitleException.class.getName(), String.join("; ", problems)));
      }
    }

    /**
     * Sidecars beside a video on another filesystem (hdfs://): the video itself is staged locally
     * for FFmpeg, so they are listed beside the remote video, copied, read, and named by their
     * remote path.
     */
    private static List<SubtitleTrack> remoteSidecars(String video, List<String> problems) {
      List<SubtitleTrack> out = new ArrayList<>();
      Path tmp = null;
      try {
        tmp = Files.createTempDirectory("reelbeam-sidecars-");
        for (SidecarFiles.Staged s : SidecarFiles.stageRemote(video, tmp)) {
          try {
            SubtitleTrack t = SubtitleReader.sidecar(s.local());
            out.add(new SubtitleTrack(t.trackId(), t.source(), s.remote(), t.streamIndex(), t.codec(),
                t.language(), t.title(), t.skipped(), t.cues(), t.warnings()));
          } catch (IOException e) {
            problems.add(e.getMessage());
          }
        }
      } catch (IOException e) {
        problems.add("the folder of " + video + " cannot be listed for subtitle files: " + e);
      } finally {
        deleteQuietly(tmp);
      }
      return out;
    }

    /** Removes the sidecars' local copies (temporary files; a leftover is not this video's error). */
    private static void deleteQuietly(Path dir) {
      if (dir == null) {
        return;
      }
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException e) {
        dir.toFile().deleteOnExit();
      }
    }

    /** Track ids made unique within the video ({@code ext-en}, {@code ext-en-2}). */
    private static List<SubtitleTrack> unique(List<SubtitleTrack> tracks) {
      Set<String> seen = new HashSet<>();
      List<SubtitleTrack> out = new ArrayList<>();
      for (SubtitleTrack t : tracks) {
        String id = t.trackId().replaceAll("[^A-Za-z0-9_-]", "_");
        for (int n = 2; !seen.add(id); n++) {
          id = t.trackId() + "-" + n;
        }
        out.add(new SubtitleTrack(id, t.source(), t.file(), t.streamIndex(), t.codec(), t.language(),
            t.title(), t.skipped(), t.cues(), t.warnings()));
      }
      return out;
    }

    private List<String> write(String videoId, String videoPath, List<SubtitleTrack> tracks,
        List<Scene> scenes) throws IOException {
      OutputStore rootDir = OutputStore.at(root);
      List<String> files = new ArrayList<>();
      ObjectNode json = Json.object();
      json.put("video_id", videoId);
      json.put("input", videoPath);
      ArrayNode arr = json.putArray("tracks");
      for (SubtitleTrack t : tracks) {
        ObjectNode o = arr.addObject();
        o.put("track", t.trackId());
        o.put("source", t.source());
        o.put("file", t.file());
        o.put("stream_index", t.streamIndex());
        o.put("codec", t.codec());
        o.put("language", t.language());
        o.put("title", t.title());
        if (!t.isText()) {
          o.put("skipped", t.skipped());
          continue;
        }
        String srt = srtPath(videoId, t.trackId());
        rootDir.write(srt,
            SrtFormat.render(t.cues()).getBytes(StandardCharsets.UTF_8));
        files.add(srt);
        o.put("srt", srt);
        ArrayNode warnings = o.putArray("warnings");
        t.warnings().forEach(warnings::add);
        ArrayNode cues = o.putArray("cues");
        int n = 1;
        for (SubtitleCue cue : t.cues()) {
          ObjectNode q = cues.addObject();
          q.put("index", n++);
          q.put("start", cue.startSeconds());
          q.put("end", cue.endSeconds());
          q.put("scene", VideoSubtitles.sceneOf(cue, scenes));
          q.put("text", cue.text());
        }
      }
      removeStale(rootDir, videoId, files);
      String jsonFile = jsonPath(videoId);
      rootDir.write(jsonFile, Json.bytes(json));
      files.add(jsonFile);
      return files;
    }

    /** SRT files of this video from an earlier run whose track is gone. */
    private static void removeStale(OutputStore root, String videoId, List<String> keep) throws IOException {
      for (String name : root.list("subtitles", videoId + ".*.srt")) {
        if (!keep.contains("subtitles/" + name)) {
          root.delete("subtitles/" + name);
        }
      }
    }
  }

  static final class ToPart extends SimpleFunction<KV<String, VideoSubtitles>, KV<String, OutputPart>> {
    @Override
    public KV<String, OutputPart> apply(KV<String, VideoSubtitles> in) {
      VideoSubtitles s = in.getValue();
      long text = s.tracks().stream().filter(SubtitleTrack::isText).count();
      String note = String.format(Locale.ROOT, "tracks=%d;text_tracks=%d;cues=%d",
          s.tracks().size(), text, s.cueCount());
      return KV.of(in.getKey(), new OutputPart(in.getKey(), Branches.SUBTITLES, s.files(), s.cueCount(), note));
    }
  }
}
