package dev.reelbeam.transforms;

import static dev.reelbeam.transforms.Checks.checkArgument;
import static dev.reelbeam.transforms.Checks.checkRoot;
import static dev.reelbeam.transforms.Checks.requireRoot;

import com.google.auto.value.AutoValue;
import javax.annotation.Nullable;
import dev.reelbeam.transforms.coders.VideoInfoCoder;
import java.io.OutputStream;
import java.io.InputStream;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.transforms.coders.OutputCoders;
import org.apache.beam.sdk.transforms.display.DisplayData;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.scenes.BadInputException;
import java.io.UncheckedIOException;
import java.io.IOException;
import dev.reelbeam.io.video.FrameFetcher;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.KeyframeMode;
import dev.reelbeam.transforms.scenes.Errors;
import dev.reelbeam.transforms.scenes.KeyframeDuplicates;
import dev.reelbeam.transforms.scenes.KeyframePlanner;
import dev.reelbeam.transforms.scenes.KeyframeWriter;
import dev.reelbeam.transforms.scenes.StagedKeyframes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Writes frame images for detected scenes: those the decode pass staged
 * ({@code VideoToFrames.withKeyframeCapture}) by renaming them, the rest by seeking (the video is
 * not decoded again in full):
 * {@link #scenes()} writes 3 per scene (begin, middle, end, PySceneDetect's {@code save-images}
 * placement), {@link #interval(double)} one every N seconds. JPEG quality 95, upright, atomic, under
 * {@code <outputRoot>/frames/<video-id>/}.
 *
 * <p>The picks of a video the pass staged are cut into chunks of about {@code chunkSeconds} of film
 * (default 60 s); those it did not are sought, in chunks of about equal decoding (each at least a
 * few seconds of film, at most one per {@code chunkSeconds}), each in one pass of ascending seeks
 * with one decoder; the chunks run in parallel, so a long film's frames spread over the workers as
 * its decoding did. A video whose frames cannot all be written gets one
 * {@link ErrorRecord} of stage {@code frames} and no entry in {@link Result#frames()}. Output: the
 * written {@link Keyframe}s per video, ordered by scene and position (interval: by sequence number).
 */
@AutoValue
public abstract class ExtractFrames
    extends PTransform<PCollection<SceneDetection>, ExtractFrames.Result> {

  public static final String STAGE = "frames";

  abstract double getIntervalSeconds(); // 0: scene mode

  abstract @Nullable String getOutputRoot();

  abstract int getDecoderThreads();

  abstract int getParallelFetches();

  abstract double getChunkSeconds();

  abstract KeyframeMode getKeyframeMode();

  abstract boolean getDedup();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setIntervalSeconds(double seconds);

    abstract Builder setOutputRoot(String root);

    abstract Builder setDecoderThreads(int threads);

    abstract Builder setParallelFetches(int workers);

    abstract Builder setChunkSeconds(double seconds);

    abstract Builder setKeyframeMode(KeyframeMode mode);

    abstract Builder setDedup(boolean dedup);

    abstract ExtractFrames build();
  }

  ExtractFrames() {}

  private static ExtractFrames every(double intervalSeconds) {
    return new AutoValue_ExtractFrames.Builder()
        .setIntervalSeconds(intervalSeconds)
        .setDecoderThreads(1)
        .setParallelFetches(1)
        .setChunkSeconds(60.0)
        .setKeyframeMode(KeyframeMode.BEST)
        .setDedup(false)
        .build();
  }

  /** Three frames per scene. */
  public static ExtractFrames scenes() {
    return every(0);
  }

  /** One frame every {@code seconds} seconds from the start. */
  public static ExtractFrames interval(double seconds) {
    checkArgument(seconds > 0 && !Double.isInfinite(seconds),
        "interval must be a positive number of seconds: %s", seconds);
    return every(seconds);
  }

  /** The output root (a local directory); required. */
  public ExtractFrames to(String root) {
    return toBuilder().setOutputRoot(checkRoot(root)).build();
  }

  /**
   * FFmpeg threads for the seeks (default 1; 0: FFmpeg chooses). One, because FFmpeg's frame
   * threads, restarted at every seek, took 26-40% more CPU for the same frames (the 17 sought picks
   * of the 8-minute x264 film: 2.20 s against 1.74 s in one chunk; its 8 picks now sought: 1.44 s
   * against 1.03 s) for 1.1-1.2x the speed, and several seek chunks run side by side anyway.
   */
  public ExtractFrames withDecoderThreads(int threads) {
    checkArgument(threads >= 0, "decoderThreads must be >= 0: %s", threads);
    return toBuilder().setDecoderThreads(threads).build();
  }

  /**
   * How many fetch chunks the runner can run at once (the job's workers; default 1). With more than
   * one, the sought picks' chunks may be half as long, so a film's seeks spread over the workers
   * rather than run on one alone.
   */
  public ExtractFrames withParallelFetches(int workers) {
    checkArgument(workers >= 1, "parallelFetches must be >= 1: %s", workers);
    return toBuilder().setParallelFetches(workers).build();
  }

  /** Film seconds per parallel fetch chunk (default 60). */
  public ExtractFrames withChunkSeconds(double seconds) {
    checkArgument(seconds > 0, "chunkSeconds must be positive: %s", seconds);
    return toBuilder().setChunkSeconds(seconds).build();
  }

  /**
   * How scene frames are chosen (default {@link KeyframeMode#BEST}; {@link KeyframeMode#EXACT} for
   * PySceneDetect's {@code save-images} positions). Interval frames are always at their times, so
   * {@code interval(s).withKeyframeMode(EXACT)} fails when applied rather than being ignored.
   */
  public ExtractFrames withKeyframeMode(KeyframeMode keyframeMode) {
    checkArgument(keyframeMode != null, "keyframe mode must not be null");
    return toBuilder().setKeyframeMode(keyframeMode).build();
  }

  /** Whether to skip writing keyframes that repeat an earlier one (they stay listed, unwritten). */
  public ExtractFrames withDedup(boolean skipDuplicates) {
    return toBuilder().setDedup(skipDuplicates).build();
  }

  /** Written frames per video, and the videos that failed. */
  public static final class Result extends WithErrors<KV<String, List<Keyframe>>> {
    Result(PCollectionTuple t, TupleTag<KV<String, List<Keyframe>>> ok, TupleTag<ErrorRecord> bad) {
      super(t.getPipeline(), ok, t.get(ok), bad, t.get(bad));
    }

    public PCollection<KV<String, List<Keyframe>>> frames() {
      return output();
    }
  }

  /** Picks of one video within one stretch of film, fetched by one worker. */
  record Chunk(VideoInfo video, int index, int count, List<KeyframePlanner.Pick> picks) {}

  /** The frames one chunk wrote. */
  record Written(int count, List<Keyframe> frames) {}

  /** {@link Chunk}: the video, its place among the video's chunks, then its picks. */
  static final class ChunkCoder extends CustomCoder<Chunk> {
    private static final Coder<List<KeyframePlanner.Pick>> PICKS = ListCoder.of(OutputCoders.keyframePick());

    @Override
    public void encode(Chunk c, OutputStream out) throws IOException {
      VideoInfoCoder.of().encode(c.video(), out);
      VarIntCoder.of().encode(c.index(), out);
      VarIntCoder.of().encode(c.count(), out);
      PICKS.encode(c.picks(), out);
    }

    @Override
    public Chunk decode(InputStream in) throws IOException {
      return new Chunk(VideoInfoCoder.of().decode(in), VarIntCoder.of().decode(in), VarIntCoder.of().decode(in),
          PICKS.decode(in));
    }
  }

  /** {@link Written}: the video's chunk count, then the chunk's keyframes. */
  static final class WrittenCoder extends CustomCoder<Written> {
    private static final Coder<List<Keyframe>> FRAMES = ListCoder.of(OutputCoders.keyframe());

    @Override
    public void encode(Written w, OutputStream out) throws IOException {
      VarIntCoder.of().encode(w.count(), out);
      FRAMES.encode(w.frames(), out);
    }

    @Override
    public Written decode(InputStream in) throws IOException {
      return new Written(VarIntCoder.of().decode(in), FRAMES.decode(in));
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("intervalSeconds", getIntervalSeconds()).withLabel("Interval (s; 0: 3 keyframes a scene)"))
        .add(DisplayData.item("decoderThreads", getDecoderThreads()).withLabel("FFmpeg threads for the seeks"))
        .add(DisplayData.item("parallelFetches", getParallelFetches()).withLabel("Fetch chunks run at once"))
        .add(DisplayData.item("chunkSeconds", getChunkSeconds()).withLabel("Film seconds per fetch chunk"))
        .addIfNotNull(dev.reelbeam.transforms.outputs.OutputLayout.rootItem(getOutputRoot()));
  }

  @Override
  public Result expand(PCollection<SceneDetection> detections) {
    String outputRoot = requireRoot(getOutputRoot(), "ExtractFrames");
    double intervalSeconds = getIntervalSeconds();
    checkArgument(intervalSeconds == 0 || getKeyframeMode() == KeyframeMode.BEST,
        "keyframe mode %s chooses scene frames; interval frames (every %s s) are at their times",
        getKeyframeMode(), intervalSeconds);
    TupleTag<Chunk> chunkTag = new TupleTag<>() {};
    TupleTag<KV<String, KV<Integer, ErrorRecord>>> planErrors = new TupleTag<>() {};
    PCollectionTuple planned =
        detections.apply(
            intervalSeconds > 0 ? "PlanIntervalFrames" : "PlanSceneFrames",
            ParDo.of(new PlanFn(planErrors, outputRoot, intervalSeconds, getChunkSeconds(),
                    getKeyframeMode(), getDedup(), getParallelFetches()))
                .withOutputTags(chunkTag, TupleTagList.of(planErrors)));
    planned.get(chunkTag).setCoder(new ChunkCoder());

    TupleTag<KV<String, KV<Integer, Written>>> writtenTag = new TupleTag<>() {};
    TupleTag<KV<String, KV<Integer, ErrorRecord>>> writeErrors = new TupleTag<>() {};
    PCollectionTuple written =
        planned
            .get(chunkTag)
            .apply("SpreadChunks", Reshuffle.viaRandomKey())
            .apply(
                "FetchAndWrite",
                ParDo.of(new WriteFn(writeErrors, outputRoot, getDecoderThreads()))
                    .withOutputTags(writtenTag, TupleTagList.of(writeErrors)));
    written
        .get(writtenTag)
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), new WrittenCoder())));
    KvCoder<String, KV<Integer, ErrorRecord>> errorCoder =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), ErrorRecordCoder.of()));
    planned.get(planErrors).setCoder(errorCoder);
    written.get(writeErrors).setCoder(errorCoder);

    PCollection<KV<String, List<Keyframe>>> frames =
        written
            .get(writtenTag)
            .apply("GroupChunks", GroupByKey.create())
            .apply("MergeChunks", ParDo.of(new MergeFn(outputRoot)))
            .setCoder(
                KvCoder.of(StringUtf8Coder.of(), ListCoder.of(OutputCoders.keyframe())));
    PCollection<ErrorRecord> errors =
        org.apache.beam.sdk.values.PCollectionList.of(planned.get(planErrors))
            .and(written.get(writeErrors))
            .apply("AllErrors", org.apache.beam.sdk.transforms.Flatten.pCollections())
            .apply("GroupErrors", GroupByKey.create())
            .apply("OneErrorPerVideo", ParDo.of(new FirstErrorPerVideo("chunks")))
            .setCoder(ErrorRecordCoder.of());

    TupleTag<KV<String, List<Keyframe>>> ok = new TupleTag<>() {};
    TupleTag<ErrorRecord> bad = new TupleTag<>() {};
    return new Result(PCollectionTuple.of(ok, frames).and(bad, errors), ok, bad);
  }

  static final class PlanFn extends DoFn<SceneDetection, Chunk> {
    private final TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad;
    private final String root;
    private final double interval;
    private final double chunkSeconds;
    private final KeyframeMode mode;
    private final boolean dedup;
    private final int parallelFetches;

    PlanFn(
        TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad,
        String root,
        double interval,
        double chunkSeconds,
        KeyframeMode mode,
        boolean dedup,
        int parallelFetches) {
      this.bad = bad;
      this.root = root;
      this.interval = interval;
      this.chunkSeconds = chunkSeconds;
      this.mode = mode;
      this.dedup = dedup;
      this.parallelFetches = parallelFetches;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      // Planning reads only the detection (and, to chunk the sought picks, which frames the pass
      // staged): a failure here is a bug, not a bad input.
      SceneDetection d = c.element();
      double[] times = new double[d.signals().size()];
      int i = 0;
      for (FrameSignal s : d.signals()) {
        times[i++] = s.time();
      }
      List<KeyframePlanner.Pick> picks;
      if (interval > 0) {
        picks = KeyframePlanner.intervalPicks(times, d.durationSeconds(), interval);
      } else if (mode == KeyframeMode.BEST) {
        // A pure function of the detection: which frames the pass happened to stage depends on the
        // segments, the buffer and the runner, and must not change which frame is written.
        picks = KeyframePlanner.bestScenePicks(d, times);
      } else {
        picks = KeyframePlanner.scenePicks(d.scenes(), times, d.video().fps());
      }
      picks = KeyframeDuplicates.mark(KeyframePlanner.withQuality(picks, d.signals()), dedup);
      TreeMap<Long, List<KeyframePlanner.Pick>> byChunk = new TreeMap<>();
      for (KeyframePlanner.Pick p : picks) {
        long k = (long) Math.floor(Math.max(0, p.time()) / chunkSeconds);
        byChunk.computeIfAbsent(k, x -> new ArrayList<>()).add(p);
      }
      if (byChunk.isEmpty()) {
        byChunk.put(0L, new ArrayList<>());
      }
      // The picks the pass did not stage are sought: they go to chunks of their own, cut by how much
      // film their seeks decode rather than by minute, so a film's few sought picks open a decoder
      // or two instead of one per minute of film (each open probes the file, starts FFmpeg's threads
      // and grows a fresh frame pool before its first frame; the eight one-minute chunks of the
      // 8-minute film spent more wall on that than on decoding their 16 picks).
      int minuteChunks = byChunk.size();
      List<KeyframePlanner.Pick> sought = unstaged(d.video(), picks);
      List<List<KeyframePlanner.Pick>> parts = new ArrayList<>();
      if (!sought.isEmpty()) {
        java.util.Set<KeyframePlanner.Pick> soughtSet = new java.util.HashSet<>(sought);
        for (List<KeyframePlanner.Pick> part : byChunk.values()) {
          part.removeIf(soughtSet::contains);
          if (!part.isEmpty()) {
            parts.add(part);
          }
        }
        // With several workers, seek chunks half as long, so the seeks of a film spread over them
        // rather than run on one worker alone.
        double least = parallelFetches > 1 ? MIN_FETCH_SECONDS / 2 : MIN_FETCH_SECONDS;
        parts.addAll(fetchGroups(sought, d.video().keyframeTimes(), minuteChunks, least));
      } else {
        parts.addAll(byChunk.values());
      }
      int count = parts.size();
      int index = 0;
      for (List<KeyframePlanner.Pick> part : parts) {
        c.output(new Chunk(d.video(), index++, count, List.copyOf(part)));
      }
    }

    /**
     * The written picks whose frame the decode pass did not stage, by frame. One listing of the
     * video's folder, not a look-up a pick (on HDFS each is a round trip). Which chunk a pick goes to
     * never changes its image: the writer renames a staged frame wherever it finds one and seeks
     * the rest.
     */
    private List<KeyframePlanner.Pick> unstaged(VideoInfo video, List<KeyframePlanner.Pick> picks) {
      java.util.Set<String> staged;
      try {
        staged = StagedKeyframes.list(OutputStore.at(root), video);
      } catch (IOException e) {
        return List.of(); // unknown: every pick stays in its minute's chunk, as before
      }
      List<KeyframePlanner.Pick> out = new ArrayList<>();
      for (KeyframePlanner.Pick p : picks) {
        if (p.write() && !staged.contains(StagedKeyframes.relativePath(video, p.time()))) {
          out.add(p);
        }
      }
      out.sort(Comparator.comparingDouble(KeyframePlanner.Pick::time));
      return out;
    }
  }

  /**
   * Film seconds a fetch chunk's seeks decode at the least, so its decoder's opening pays off: an
   * open cost about 0.17 s of CPU (the probe's {@code avformat_find_stream_info} decodes a frame,
   * the new decoder zeroes a fresh frame pool): the 17 sought picks of the 8-minute x264 film took
   * 2.92 s of CPU in its 7 one-minute chunks, 1.80 s in 2 and 1.74 s in one (one thread, one
   * process each). 8 s of that film decode in about 0.8 s.
   */
  static final double MIN_FETCH_SECONDS = 8.0;

  /**
   * Cuts sought picks (ascending by time) into at most {@code maxGroups} runs of about equal
   * decoding, as {@code FrameFetcher} decodes them: from the keyframe at or before a pick, or from
   * the previous pick when that is no earlier than the keyframe. Each run decodes at least
   * {@code leastSeconds} of film (one run when all of them decode less); picks on the same
   * frame stay in one run.
   */
  static List<List<KeyframePlanner.Pick>> fetchGroups(
      List<KeyframePlanner.Pick> sought, List<Double> keyframeTimes, int maxGroups, double leastSeconds) {
    int n = sought.size();
    double[] cost = new double[n];
    double total = 0;
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double t = sought.get(i).time();
      // before the first keyframe a fetch decodes from the start
      double key = Math.max(0, FrameFetcher.keyframeAtOrBefore(keyframeTimes, t));
      cost[i] = t - (previous >= key && previous <= t ? previous : key);
      total += cost[i];
      previous = t;
    }
    int groups = (int) Math.max(1, Math.min(maxGroups, Math.floor(total / leastSeconds)));
    List<List<KeyframePlanner.Pick>> out = new ArrayList<>();
    List<KeyframePlanner.Pick> run = new ArrayList<>();
    double done = 0;
    for (int i = 0; i < n; i++) {
      boolean sameFrame = i > 0 && sought.get(i).time() == sought.get(i - 1).time();
      if (!run.isEmpty() && !sameFrame && out.size() + 1 < groups
          && done + cost[i] / 2 > total * (out.size() + 1) / groups) {
        out.add(run);
        run = new ArrayList<>();
      }
      run.add(sought.get(i));
      done += cost[i];
    }
    if (!run.isEmpty()) {
      out.add(run);
    }
    return out;
  }

  static final class WriteFn extends DoFn<Chunk, KV<String, KV<Integer, Written>>> {
    @Setup
    public void loadNatives() {
      // before any native class is touched: see NativeLibraries
      dev.reelbeam.io.natives.NativeLibraries.load();
    }

    private final TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad;
    private final String root;
    private final int threads;

    WriteFn(TupleTag<KV<String, KV<Integer, ErrorRecord>>> bad, String root, int threads) {
      this.bad = bad;
      this.root = root;
      this.threads = threads;
    }

    private final org.apache.beam.sdk.metrics.Counter staged =
        org.apache.beam.sdk.metrics.Metrics.counter("reelbeam", "keyframes_from_decode");
    private final org.apache.beam.sdk.metrics.Counter sought =
        org.apache.beam.sdk.metrics.Metrics.counter("reelbeam", "keyframes_by_seeking");

    @ProcessElement
    public void process(ProcessContext c) {
      Chunk chunk = c.element();
      VideoInfo v = chunk.video();
      long wall0 = System.currentTimeMillis();
      long cpu0 = SegmentTimes.threadCpuNanos();
      try {
        KeyframeWriter.Written w = KeyframeWriter.write(v, chunk.picks(), OutputStore.at(root), threads);
        staged.inc(w.fromDecode());
        sought.inc(w.bySeeking());
        if (SegmentTimes.enabled()) {
          SegmentTimes.work(String.format(Locale.ROOT, "keyframe chunk %d of %d of %s, %d staged, %d sought",
              chunk.index() + 1, chunk.count(), v.videoId(), w.fromDecode(), w.bySeeking()), wall0, cpu0);
        }
        List<Keyframe> frames = w.frames();
        c.output(KV.of(v.videoId(), KV.of(chunk.index(), new Written(chunk.count(), frames))));
      } catch (Exception e) { // the decoder's callbacks throw Exception: inputFailure sorts it
        ErrorRecord r = Errors.of(v.path(), v.videoId(), STAGE, Errors.inputFailure(e));
        if (chunk.count() > 1 && !chunk.picks().isEmpty()) {
          r = r.withMessage(
              r.message() + String.format(Locale.ROOT, " [frames from %.3f s]", chunk.picks().get(0).time()));
        }
        c.output(bad, KV.of(v.videoId(), KV.of(chunk.index(), r)));
      }
    }
  }

  /**
   * Emits a video's frames only when every chunk of it was written, and drops the frames the decode
   * pass staged that no pick used (every chunk is done with them by now).
   */
  static final class MergeFn
      extends DoFn<KV<String, Iterable<KV<Integer, Written>>>, KV<String, List<Keyframe>>> {
    private final String root;

    MergeFn(String root) {
      this.root = root;
    }

    @ProcessElement
    public void process(ProcessContext c) throws java.io.IOException {
      StagedKeyframes.removeAll(OutputStore.at(root), c.element().getKey());
      List<Keyframe> all = new ArrayList<>();
      int parts = 0;
      int expected = -1;
      for (KV<Integer, Written> w : c.element().getValue()) {
        parts++;
        expected = w.getValue().count();
        all.addAll(w.getValue().frames());
      }
      if (parts != expected) {
        return; // a chunk failed: its error record stands for the video
      }
      all.sort(Comparator.comparingInt(Keyframe::sceneId).thenComparingInt(Keyframe::position));
      c.output(KV.of(c.element().getKey(), all));
    }
  }
}
