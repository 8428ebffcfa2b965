package dev.reelbeam.pipelines.launch;

import dev.reelbeam.io.natives.NativeLibraries;
import dev.reelbeam.io.video.ProbeAhead;
import dev.reelbeam.pipelines.MatchVideos;
import dev.reelbeam.pipelines.ops.FlinkRest;
import dev.reelbeam.pipelines.ops.RunnerConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.xerial.snappy.Snappy;
import oshi.SystemInfo;

/**
 * Loads, on a thread of its own, the native libraries a command that decodes video is sure to load
 * later: FFmpeg's, OpenCV's (with OpenBLAS), Snappy's and OSHI's JNA, for the safety limits. A cold
 * {@code stage1} otherwise loads them one after the other on the Direct runner's workers, after
 * Beam has parsed the flags and built the graph on the main thread (about 0.6 s and 0.2 s on two
 * cores, during which the second core has little to do); started first thing, the loading overlaps
 * that work instead of following it.
 *
 * <p>The command waits for the loading ({@link #await}) before its pipeline starts, so no worker
 * initializes one of these classes while this thread is still in another's static initializer
 * (JavaCPP's loader is shared: two threads initializing native classes in different orders could
 * wait for each other). A library that will not load fails the steps that use it, as before; as
 * the static initializer already failed here, their error says "could not initialize class" with
 * the original error only as its cause, so that one is also printed once on standard error.
 */
public final class NativeWarmUp {

  /** The commands whose pipeline decodes video (stage 2 reads the frames stage 1 wrote). */
  private static final Set<String> DECODING_COMMANDS = Set.of("run", "stage1");

  /**
   * What {@link NativeLibraries} (FFmpeg's and OpenCV's libraries, in their one order) leaves for
   * later: JavaCV's grabber and converter classes, and Snappy, with which Beam compresses every
   * serialized DoFn while the graph is built on the main thread.
   */
  static final List<Class<?>> CLASSES = List.of(
      FFmpegFrameGrabber.class,
      OpenCVFrameConverter.class,
      Snappy.class);

  private static final NativeWarmUp NONE = new NativeWarmUp(null);

  private static volatile NativeWarmUp current = NONE;

  private final Thread thread;

  private NativeWarmUp(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts the loading for a command line whose pipeline decodes video (not for help); returns
   * the warm-up, which {@link #awaitStarted} finds too.
   */
  public static NativeWarmUp startFor(String[] args) {
    if (!wanted(args)) {
      return NONE;
    }
    Optional<String> video = singleLocalVideo(args);
    Thread t = new Thread(() -> load(video), "reelbeam-native-warm-up");
    t.setDaemon(true);
    NativeWarmUp w = new NativeWarmUp(t);
    current = w;
    t.start();
    return w;
  }

  /** Waits for the warm-up started in this JVM, if any; returns at once otherwise. */
  public static void awaitStarted() {
    current.await();
  }

  /**
   * A {@code run} or {@code stage1} whose pipeline runs in this JVM: not help, and not a job that
   * a remote Flink cluster runs (given on the command line or by its {@code --runnerConfig}
   * preset), whose natives load on the cluster's task managers.
   */
  static boolean wanted(String[] args) {
    if (args.length == 0 || !DECODING_COMMANDS.contains(args[0]) || Launcher.asksForHelp(args)) {
      return false;
    }
    String[] flags;
    try {
      flags = RunnerConfig.merge(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      return false; // the command reports the preset it cannot read
    }
    return Arrays.stream(flags)
        .filter(a -> a.startsWith(FLINK_MASTER))
        .noneMatch(a -> FlinkRest.isRemote(a.substring(FLINK_MASTER.length())));
  }

  private static final String FLINK_MASTER = "--flinkMaster=";

  /** Returns when the loading has ended (at once when none was started). */
  public void await() {
    if (thread == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** True while a started warm-up has not ended. */
  boolean running() {
    return thread != null && thread.isAlive();
  }

  /**
   * The one local video an {@code --input} names (given on the command line or by its preset), as
   * the input step will name it (absolute, normalized, as Beam's local file system gives a match),
   * when it is a regular file with a video's extension; empty for a folder, a glob, a remote or
   * {@code file:} URI, or anything else, whose videos are probed by the pipeline only.
   */
  static Optional<String> singleLocalVideo(String[] args) {
    String[] flags;
    try {
      flags = RunnerConfig.merge(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    List<String> inputs = Arrays.stream(flags)
        .filter(a -> a.startsWith(INPUT))
        .map(a -> a.substring(INPUT.length()))
        .toList();
    if (inputs.size() != 1) {
      return Optional.empty();
    }
    String input = inputs.get(0);
    if (input.isBlank() || input.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || input.matches(".*[*?\\[{].*")
        || !MatchVideos.looksLikeVideo(input.substring(input.lastIndexOf('/') + 1))) {
      return Optional.empty();
    }
    try {
      Path path = Paths.get(input).toAbsolutePath().normalize();
      return Files.isRegularFile(path) ? Optional.of(path.toString()) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static final String INPUT = "--input=";

  private static void load(Optional<String> video) {
    try {
      NativeLibraries.load();
    } catch (RuntimeException e) {
      reportOnce(e);
    }
    for (Class<?> c : CLASSES) {
      try {
        Class.forName(c.getName(), true, c.getClassLoader());
      } catch (Throwable e) {
        reportOnce(e);
      }
    }
    // FFmpeg is in: the input's probe can start beside the graph's building (ProbeAhead).
    video.ifPresent(ProbeAhead::start);
    try {
      SystemInfo system = new SystemInfo();
      system.getHardware().getMemory().getAvailable();
      system.getOperatingSystem().getProcessId();
    } catch (Throwable e) {
      reportOnce(e);
    }
  }

  private static boolean reported;

  /**
   * A library that will not load: its original error on standard error, once. The step that uses
   * the class fails later anyway and records it per video, as "could not initialize class" (a
   * static initializer that failed once is not run again), with this error only as the cause.
   */
  private static void reportOnce(Throwable e) {
    if (!reported) {
      reported = true;
      System.err.println("reelbeam: loading the native libraries failed: " + e);
    }
  }
}
