package dev.reelbeam.pipelines.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JIT and collector the second JVM gets. HotSpot's default (tiered: profiled C1 code, then C2) spends a cold
 * start's second core compiling and its first core running profiling code: on a 1-second clip a
 * cold {@code stage1} took 8.5 s of CPU with it and 5.1 s with C1 alone
 * ({@code -XX:TieredStopAtLevel=1}). On a film the per-frame Java code then runs slower without C2,
 * so C1 alone is chosen only where the job is short by its nature: commands that read a few files
 * ({@code query}, {@code report}, help) and pipeline commands whose local input (videos and
 * {@code --docs} together) is small. Anything
 * else, and any input it cannot size cheaply (a glob, a remote file system), is not short; a
 * pipeline command on a film then gets {@link FilmJob}'s flags (C1 alone as well, measured there).
 * A short job also gets the serial collector: the same CPU on the clip, and 350 MB of peak RSS
 * instead of 600-760 MB (G1 grows its heap and threads for a job that never needs them).
 */
final class ShortJob {

  /** Up to this many bytes of input, a pipeline command is over before C2's code would pay for itself. */
  static final long SMALL_INPUT_BYTES = 32L << 20;

  /** At most this many files are looked at; a folder with more is not small. */
  private static final int MAX_FILES = 2_000;

  private static final Set<String> SHORT_COMMANDS = Set.of("query", "report", "monitor");
  private static final Set<String> PIPELINE_COMMANDS = Set.of("run", "stage1", "stage2");

  static final List<String> JIT = List.of("-XX:TieredStopAtLevel=1");
  static final List<String> GC = List.of("-XX:+UseSerialGC");

  /**
   * A short job's JIT: C1 alone, with one compiler thread instead of two. Its compilations are
   * most of a cold start's spare work (1.35 s of CPU on the 1-second clip, in two threads), and on
   * two cores the second compiler thread takes the core the command's own threads (the options,
   * the graph, the runner, the natives) are waiting for; one thread compiles the same methods a
   * little later (performance.md, "Cold start"). A film keeps two ({@link FilmJob}): not measured
   * there, where the per-frame code wants compiling soon.
   */
  static final List<String> SHORT_JIT = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

  private ShortJob() {}

  /**
   * The flags for this command line: C1 alone on one compiler thread and the serial collector for
   * a short job, none (the default) otherwise; the user's own JIT (a compiler count too) or
   * collector flags ({@code jvmArgs}) are left alone.
   */
  static List<String> flags(String[] args, List<String> jvmArgs) {
    return flags(isShort(args), jvmArgs);
  }

  /** As {@link #flags(String[], List)}, for a command line already judged ({@link #isShort}). */
  static List<String> flags(boolean shortJob, List<String> jvmArgs) {
    if (!shortJob) {
      return List.of();
    }
    return unlessChosen(SHORT_JIT, GC, jvmArgs);
  }

  /** {@code jit} and {@code gc}, each unless the user's own flags ({@code jvmArgs}) chose one. */
  static List<String> unlessChosen(List<String> jit, List<String> gc, List<String> jvmArgs) {
    List<String> out = new java.util.ArrayList<>();
    if (jvmArgs.stream().noneMatch(a -> a.contains("TieredStopAtLevel") || a.contains("TieredCompilation")
        || a.contains("CICompilerCount") || a.startsWith("-Xint") || a.startsWith("-Xcomp"))) {
      out.addAll(jit);
    }
    if (jvmArgs.stream().noneMatch(a -> a.matches("-XX:[+-]Use\\w*GC"))) {
      out.addAll(gc);
    }
    return out;
  }

  /**
   * The environment variables a short job's JVM gets on top of the launcher's: OpenBLAS on one
   * thread. OpenCV loads OpenBLAS with its core, and OpenBLAS starts a thread per core that
   * spins a while waiting for work no ReelBeam step gives it: on the 1-second clip about 0.15 s of
   * CPU, on two cores taken from the decoder. A film keeps OpenBLAS's default, and so does a user
   * who chose its threads ({@code OPENBLAS_NUM_THREADS}, {@code GOTO_NUM_THREADS} or
   * {@code OMP_NUM_THREADS}).
   */
  static Map<String, String> environment(boolean shortJob, Map<String, String> env) {
    if (!shortJob || BLAS_THREADS.stream().anyMatch(env::containsKey)) {
      return Map.of();
    }
    return Map.of("OPENBLAS_NUM_THREADS", "1");
  }

  private static final List<String> BLAS_THREADS = List.of("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS");

  static boolean isShort(String[] args) {
    if (args.length == 0 || SHORT_COMMANDS.contains(args[0]) || args[0].startsWith("-")) {
      return true;
    }
    List<String> inputs = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.startsWith("--help=")) {
        return true;
      }
      // the videos, and the documents run embeds and indexes with them
      if (a.startsWith("--input=") || a.startsWith("--docs=")) {
        inputs.add(a.substring(a.indexOf('=') + 1));
      }
    }
    if (!PIPELINE_COMMANDS.contains(args[0]) || inputs.isEmpty()) {
      return false;
    }
    long total = 0;
    for (String input : inputs) {
      long size = localSize(input);
      if (size < 0) {
        return false;
      }
      total += size;
    }
    return total <= SMALL_INPUT_BYTES;
  }

  /**
   * Bytes of the files of a local file or folder, counted up to just past {@link #SMALL_INPUT_BYTES};
   * -1 when it cannot be sized cheaply (a glob, a remote file system, too many files, unreadable).
   */
  static long localSize(String input) {
    if (input.contains("://") || input.contains("*") || input.contains("?") || input.contains("[")) {
      return -1;
    }
    Path p = Paths.get(input);
    try {
      if (Files.isRegularFile(p)) {
        return Files.size(p);
      }
      if (!Files.isDirectory(p)) {
        return -1;
      }
      long total = 0;
      int n = 0;
      try (Stream<Path> files = Files.walk(p, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        for (Iterator<Path> it = files.iterator(); it.hasNext() && total <= SMALL_INPUT_BYTES; ) {
          Path f = it.next();
          if (++n > MAX_FILES) {
            return -1;
          }
          if (Files.isRegularFile(f)) {
            total += Files.size(f);
          }
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
