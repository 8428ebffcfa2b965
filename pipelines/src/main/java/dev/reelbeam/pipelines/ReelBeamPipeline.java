package dev.reelbeam.pipelines;

import dev.reelbeam.transforms.coders.OutputCoders;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.io.audio.AudioInfo;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.pipelines.rag.RagStage;
import dev.reelbeam.transforms.Composition;
import dev.reelbeam.transforms.ExtractAudio;
import dev.reelbeam.transforms.ExtractFrames;
import dev.reelbeam.transforms.ExtractSubtitles;
import dev.reelbeam.transforms.FramesToScenes;
import dev.reelbeam.transforms.OpticalFlow;
import dev.reelbeam.transforms.ProbeVideos;
import dev.reelbeam.transforms.VideoToFrames;
import dev.reelbeam.transforms.scenes.CapturePlan;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.KeyframeMode;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.camera.CameraSummary;
import dev.reelbeam.transforms.composition.CompositionSummary;
import dev.reelbeam.transforms.exports.ExportCuts;
import dev.reelbeam.transforms.motion.LucasKanadeMotion;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import dev.reelbeam.transforms.outputs.WriteAnalysisSummary;
import dev.reelbeam.transforms.outputs.Branches;
import dev.reelbeam.transforms.outputs.OutputLayout;
import dev.reelbeam.transforms.outputs.OutputPart;
import dev.reelbeam.transforms.outputs.VideoEntry;
import dev.reelbeam.transforms.outputs.WriteDatasetIndex;
import dev.reelbeam.transforms.outputs.WriteErrors;
import dev.reelbeam.transforms.outputs.WriteManifests;
import dev.reelbeam.transforms.outputs.WriteScenes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The one ReelBeam graph. {@code run} builds all of it; {@code stage1} and {@code stage2} build
 * subsets of the same graph (a {@link Stage} says which branches to add), never separate code.
 *
 * <pre>
 * MatchVideos ─ SkipFinished (--resume) ─ ProbeVideos ─ VideoToFrames ─ FramesToScenes
 *                                            │                              ├─ ExtractFrames ─┐
 *                                            │                              └─ WriteScenes ◄──┘
 *                                            └─ ExtractAudio
 *                                            ├─ OpticalFlow (scenes + per-frame motion)
 *                                            └─ Composition (keyframes)
 * every branch's OutputParts + every ErrorRecord ─ WriteManifests (per video, last) ─ WriteDatasetIndex
 *   ─ WriteAnalysisSummary (stage2, run)
 * ReadDocuments ─ DocsToEmbeddings ─ WriteKnowledgeBase ─ rag_summary.json   (run with --docs)
 * </pre>
 *
 * <p>Plug points for later branches: add the branch name to {@link Stage}, add its parts to
 * {@code parts} and its errors to {@code errors} in {@link #build}; the manifest join and the index
 * pick them up.
 */
public final class ReelBeamPipeline {

  private ReelBeamPipeline() {}

  /** Handles on what the graph produces, for the launcher and tests. */
  public record Built(PCollection<VideoEntry> entries, PCollection<Integer> failedCount) {}

  /** The detector settings the flags describe. */
  public static DetectorSettings detectorSettings(ReelBeamOptions o) {
    return DetectorSettings.defaults()
        .withDetector(Detector.parse(o.getDetector()))
        .withThreshold(o.getThreshold())
        .withMinSceneLen(o.getMinSceneLen())
        .withAdaptive(o.getAdaptiveThreshold(), o.getWindowWidth(), o.getMinContentVal())
        .withHash(o.getHashThreshold(), o.getHashSize(), o.getHashLowpass())
        .withHistogram(o.getHistogramThreshold(), o.getHistogramBins())
        .withFade(o.getFadeThreshold(), o.getFadeBias(), o.getAddFinalScene())
        .withSplitGradual(o.getSplitGradual());
  }

  /**
   * Everything that changes a video's output bytes, recorded in its manifest and compared on
   * resume. (Segment length, workers and runner change nothing and are left out.)
   */
  public static Map<String, String> parameters(ReelBeamOptions o) {
    DetectorSettings s = detectorSettings(o);
    Map<String, String> p = new TreeMap<>();
    p.put("detector", s.detector().className());
    p.put("threshold", Double.toString(s.threshold()));
    p.put("min_scene_len", Integer.toString(s.minSceneLen()));
    p.put("weights", s.weightHue() + "," + s.weightSat() + "," + s.weightLum() + "," + s.weightEdges());
    p.put("downscale_target", Integer.toString(s.downscaleTarget()));
    // every detector's parameters: the stats file holds every metric, and the chosen one's cut
    p.put("adaptive", s.adaptiveThreshold() + "," + s.windowWidth() + "," + s.minContentVal());
    p.put("hash", s.hashThreshold() + "," + s.hashSize() + "," + s.hashLowpass());
    p.put("histogram", s.histogramThreshold() + "," + s.histogramBins());
    p.put("fade", s.fadeThreshold() + "," + s.fadeBias() + "," + s.addFinalScene());
    p.put("split_gradual", Boolean.toString(s.splitGradual()));
    String frames = o.getFrames().toLowerCase(Locale.ROOT);
    p.put("frames", frames);
    if (frames.equals("interval")) {
      p.put("interval", Double.toString(o.getInterval()));
    } else {
      p.put("keyframes", KeyframeMode.parse(o.getKeyframes()).flagName());
    }
    p.put("dedup", Boolean.toString(o.getDedup()));
    return p;
  }

  /** FFmpeg threads per decoder: one with --workers=1 (the job then runs on one core), else FFmpeg's choice. */
  public static int decoderThreads(RunSetup setup) {
    return setup.workers() == 1 ? 1 : 0;
  }

  /** Default segment length with several workers. */
  static final double DEFAULT_SEGMENT_SECONDS = 60.0;

  /**
   * --segmentSeconds, or by default 60 s with several workers (a floor: {@link #maxSegments} makes a
   * long film's segments longer) and whole videos with one: segments
   * exist to spread one film over cores, and on one core each only adds an open, a seek and the
   * frames either side of its boundary (picks there are fetched by seeking).
   */
  static double segmentSeconds(ReelBeamOptions o, RunSetup setup) {
    if (o.getSegmentSeconds() != null) {
      return o.getSegmentSeconds();
    }
    return setup.workers() == 1 ? Double.POSITIVE_INFINITY : DEFAULT_SEGMENT_SECONDS;
  }

  /**
   * Segments per video at most: by default one per worker (each boundary costs an open, a seek and
   * picks fetched by seeking, so one film is cut no more than it takes to keep every worker busy);
   * no limit when --segmentSeconds is given.
   */
  static int maxSegments(ReelBeamOptions o, RunSetup setup) {
    return o.getSegmentSeconds() != null ? Integer.MAX_VALUE : Math.max(1, setup.workers());
  }

  /** The frame images the decode pass stages for ExtractFrames; none when no frames are written. */
  static CapturePlan capturePlan(ReelBeamOptions o, Stage stage, String root, RunSetup setup) {
    long budgetMb = setup.keyframeBufferMb();
    if (!stage.includes(Branches.FRAMES) || budgetMb == 0) {
      return null;
    }
    CapturePlan plan =
        o.getFrames().equalsIgnoreCase("interval")
            ? CapturePlan.forInterval(root, o.getInterval())
            : CapturePlan.forScenes(root).withKeyframeMode(KeyframeMode.parse(o.getKeyframes()));
    return plan.withBudgetBytes(budgetMb << 20);
  }

  /** A decoder's keyframe buffer where the machine is not this one (other runners). */
  static final int OTHER_RUNNER_KEYFRAME_BUFFER_MB = 512;

  /** The least keyframe buffer a decoder gets on the Direct runner. */
  static final int MIN_KEYFRAME_BUFFER_MB = 256;

  /** What all the decoders of a Direct run hold at most together, by default. */
  static final int TOTAL_KEYFRAME_BUFFER_MB = 768;

  /**
   * --keyframeBufferMb, or by default, on the Direct runner, 768 MB (an eighth of the machine's
   * memory if that is less) shared by the decoders that run at once (one per worker), at least
   * 256 MB each; 512 MB on other runners, whose machines are not this one.
   * Why not more: every held frame is a buffer the decoder's pool must grow by (fresh memory, page
   * faults) and then writes into cold; a scene's middle pick that does not fit is fetched by
   * seeking instead, which decodes again from the keyframe before it (half a GOP on average). On the
   * 8-minute 1080p x264 veryfast film (2 s GOPs), stage1 --workers=2 took 90 s of CPU with 384 MB a
   * decoder (10 picks sought, 2.3 s of it system, peak RSS 1.2 GB) against 100 s with the former
   * default of 1,536 MB (3 sought, 6.6 s system, 3.5 GB).
   */
  static long keyframeBufferMb(ReelBeamOptions o, int workers, long physicalMemoryBytes) {
    if (o.getKeyframeBufferMb() != null) {
      return o.getKeyframeBufferMb();
    }
    if (!dev.reelbeam.pipelines.ops.Runners.isDirect(o)) {
      return OTHER_RUNNER_KEYFRAME_BUFFER_MB;
    }
    long total = TOTAL_KEYFRAME_BUFFER_MB;
    if (physicalMemoryBytes > 0) {
      total = Math.min(total, (physicalMemoryBytes >> 20) / 8);
    }
    return Math.max(MIN_KEYFRAME_BUFFER_MB, total / Math.max(1, workers));
  }

  /** This machine's memory (the container's limit where there is one), or 0 when unknown. */
  static long physicalMemoryBytes() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
  }

  /** Adds the graph of {@code stage} to {@code p}. */
  public static Built build(Pipeline p, ReelBeamOptions o, Stage stage, RunSetup setup) {
    String root = setup.outputRoot();
    DetectorSettings settings = detectorSettings(o);
    Map<String, String> params = parameters(o);
    int threads = decoderThreads(setup);
    List<PCollection<ErrorRecord>> errors = new ArrayList<>();
    List<PCollection<KV<String, OutputPart>>> parts = new ArrayList<>();

    // Inputs: match, reject what cannot be a video, skip what --resume finds finished.
    MatchVideos.Result matched = p.apply("MatchVideos", MatchVideos.in(setup.input()));
    errors.add(matched.errors());
    PCollectionTuple todo =
        matched.paths().apply("SkipFinished",
            SkipFinished.in(root, params, stage.branches(), OutputLayout.VERSION, o.getResume()));

    ProbeVideos.Result probed = todo.get(SkipFinished.TODO).apply("ProbeVideos", ProbeVideos.create());
    errors.add(probed.errors());
    PCollection<VideoInfo> videos = probed.videos();

    // The one decode pass and cut detection (every stage needs the cuts).
    VideoToFrames.Result decoded =
        videos.apply("VideoToFrames",
            VideoToFrames.create()
                .withSegmentSeconds(segmentSeconds(o, setup))
                .withMaxSegments(maxSegments(o, setup))
                .withDecoderThreads(threads)
                .withSettings(settings)
                .withMotionEstimator(motionEstimator(stage))
                .withKeyframeCapture(capturePlan(o, stage, root, setup)));
    errors.add(decoded.errors());
    FramesToScenes.Result detected =
        decoded.signals().apply("FramesToScenes", FramesToScenes.create().withSettings(settings));
    errors.add(detected.errors());
    PCollection<SceneDetection> scenes = detected.scenes();

    // Frames: by seeking, after the cuts; the scenes JSON then lists them.
    WriteScenes writeScenes = WriteScenes.to(root);
    PCollection<KV<String, List<Keyframe>>> keyframes = null;
    if (stage.includes(Branches.FRAMES)) {
      ExtractFrames extract =
          o.getFrames().equalsIgnoreCase("interval")
              ? ExtractFrames.interval(o.getInterval())
              : ExtractFrames.scenes().withKeyframeMode(KeyframeMode.parse(o.getKeyframes()));
      ExtractFrames.Result frames =
          scenes.apply(
              "ExtractFrames", extract.to(root).withParallelFetches(setup.workers()).withDedup(o.getDedup()));
      errors.add(frames.errors());
      parts.add(frames.frames().apply("FramesDone", MapElements.via(new FramesPart())).setCoder(partCoder()));
      writeScenes = writeScenes.withKeyframes(frames.frames());
      keyframes = frames.frames();
    }
    parts.add(scenes.apply("WriteScenes", writeScenes));
    // Editors' cut lists beside the scenes JSON; rewritten from the same detection, so not a
    // branch the manifest waits for.
    scenes.apply("ExportCuts", ExportCuts.to(root));

    if (stage.includes(Branches.AUDIO)) {
      ExtractAudio.Result audio = videos.apply("ExtractAudio", ExtractAudio.create().to(root));
      errors.add(audio.errors());
      parts.add(audio.audio().apply("AudioDone", MapElements.via(new AudioPart())).setCoder(partCoder()));
    }

    if (stage.includes(Branches.SUBTITLES)) {
      ExtractSubtitles.Result subtitles = scenes.apply("ExtractSubtitles", ExtractSubtitles.create().to(root));
      errors.add(subtitles.errors());
      errors.add(p.apply("OrphanSidecars", ExtractSubtitles.orphans(setup.input())));
      parts.add(subtitles.parts());
    }

    // Analysis: camera movement from the motion the decode pass measured; composition of the
    // keyframes ExtractFrames wrote (read back small, never decoded from the video again).
    if (stage.includes(Branches.CAMERA)) {
      OpticalFlow.Result camera = scenes.apply("OpticalFlow", OpticalFlow.create().to(root));
      errors.add(camera.errors());
      parts.add(camera.cameras().apply("CameraDone", MapElements.via(new CameraPart())).setCoder(partCoder()));
    }
    if (stage.includes(Branches.COMPOSITION) && keyframes != null) {
      // As the decoders: one scoring thread with one worker (the job runs on one core), else all
      // cores: composition waits for a video's every keyframe, and what follows waits for it.
      Composition.Result composition = keyframes.apply("Composition",
          Composition.create().to(root).withThreads(threads));
      errors.add(composition.errors());
      parts.add(composition.compositions()
          .apply("CompositionDone", MapElements.via(new CompositionPart())).setCoder(partCoder()));
    }

    // Per video: manifest last, once every branch reported; then the run's index.
    PCollection<ErrorRecord> written =
        PCollectionList.of(errors)
            .apply("AllErrors", Flatten.pCollections())
            .setCoder(ErrorRecordCoder.of())
            .apply("WriteErrors", WriteErrors.to(root));
    PCollection<KV<String, OutputPart>> allParts =
        PCollectionList.of(parts).apply("AllParts", Flatten.pCollections()).setCoder(partCoder());
    PCollection<VideoEntry> finished =
        PCollectionTuple.of(WriteManifests.VIDEOS, videos)
            .and(WriteManifests.PARTS, allParts)
            .and(WriteManifests.ERRORS, written)
            .apply("WriteManifests",
                WriteManifests.to(root).expecting(stage.branches()).withParameters(params));
    PCollection<VideoEntry> entries =
        PCollectionList.of(finished)
            .and(todo.get(SkipFinished.SKIPPED))
            .apply("AllVideos", Flatten.pCollections())
            .setCoder(OutputCoders.videoEntry());
    WriteDatasetIndex.Header header =
        new WriteDatasetIndex.Header(stage.command(), setup.timestamp(), setup.input(), root,
            setup.workers(), o.getFilm());
    PCollection<Integer> failed =
        entries.apply("WriteDatasetIndex",
            WriteDatasetIndex.to(root, header));

    if (stage.includes(Branches.CAMERA) || stage.includes(Branches.COMPOSITION)) {
      entries.apply("WriteAnalysisSummary",
          WriteAnalysisSummary.to(root, header));
    }

    // Stage 3: the knowledge base, in the same graph: --docs, and each video's scenes once written.
    if (stage == Stage.RUN) {
      // The model loads when the first segment is decoded, on the core it freed, not after the
      // film's outputs with one core idle.
      RagStage.addToRun(p, o, entries, decoded.signals());
    }
    return new Built(entries, failed);
  }

  /** Camera motion is computed in the decode pass when the stage includes the camera branch. */
  private static MotionEstimatorFactory motionEstimator(Stage stage) {
    return stage.includes(Branches.CAMERA) ? LucasKanadeMotion.factory() : null;
  }

  private static KvCoder<String, OutputPart> partCoder() {
    return KvCoder.of(StringUtf8Coder.of(), OutputCoders.outputPart());
  }

  /** The frames branch is done for a video once its JPEGs are written. */
  static final class FramesPart extends SimpleFunction<KV<String, List<Keyframe>>, KV<String, OutputPart>> {
    @Override
    public KV<String, OutputPart> apply(KV<String, List<Keyframe>> in) {
      List<String> files = in.getValue().stream().filter(Keyframe::written).map(Keyframe::path).toList();
      return KV.of(in.getKey(), new OutputPart(in.getKey(), Branches.FRAMES, files, files.size(), ""));
    }
  }

  /** The camera branch is done once the camera JSON is written; the note keeps its verdict for summaries. */
  static final class CameraPart extends SimpleFunction<KV<String, CameraSummary>, KV<String, OutputPart>> {
    @Override
    public KV<String, OutputPart> apply(KV<String, CameraSummary> in) {
      CameraSummary c = in.getValue();
      String note = String.format(Locale.ROOT, "dominant=%s;static_scenes=%d;handheld_scenes=%d",
          c.dominantMovement(), c.mostlyStaticScenes(), c.handheldScenes());
      return KV.of(in.getKey(), new OutputPart(in.getKey(), Branches.CAMERA, List.of(c.output()), c.scenes(), note));
    }
  }

  /** The composition branch is done once the composition JSON is written. */
  static final class CompositionPart
      extends SimpleFunction<KV<String, CompositionSummary>, KV<String, OutputPart>> {
    @Override
    public KV<String, OutputPart> apply(KV<String, CompositionSummary> in) {
      CompositionSummary c = in.getValue();
      String note = String.format(Locale.ROOT, "overall=%.4f;thirds=%.4f;balance=%.4f;symmetry=%.4f",
          c.averageOverall(), c.averageThirds(), c.averageBalance(), c.averageSymmetry());
      return KV.of(in.getKey(),
          new OutputPart(in.getKey(), Branches.COMPOSITION, List.of(c.output()), c.keyframes(), note));
    }
  }

  /** The audio branch is done once the WAV is written, or known absent. */
  static final class AudioPart extends SimpleFunction<KV<String, AudioInfo>, KV<String, OutputPart>> {
    @Override
    public KV<String, OutputPart> apply(KV<String, AudioInfo> in) {
      AudioInfo a = in.getValue();
      OutputPart part =
          a.path() == null
              ? new OutputPart(in.getKey(), Branches.AUDIO, List.of(), 0, "no audio stream")
              : new OutputPart(in.getKey(), Branches.AUDIO, List.of(a.path()), 1, "");
      return KV.of(in.getKey(), part);
    }
  }
}
