package dev.reelbeam.pipelines;

import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.OutputStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What a pipeline command checks and prepares before it builds the graph: the flags make sense,
 * the input exists, the output can be written, stale {@code .tmp-} files of an interrupted run are
 * gone. Anything wrong is a {@link CommandLine.BadArguments}: exit status 2 with one line.
 *
 * @param input the input as the pipeline matches it (local paths made absolute)
 * @param outputRoot absolute output directory
 * @param workers cores this run may use (--workers, 0 resolved to all cores)
 * @param keyframeBufferMb memory each decoder may hold frames in (--keyframeBufferMb, or its
 *     default for this machine and number of workers: {@link ReelBeamPipeline#keyframeBufferMb})
 * @param timestamp start of the run, ISO-8601 UTC, second precision
 */
public record RunSetup(String input, String outputRoot, int workers, long keyframeBufferMb, String timestamp) {

  /** Validates {@code o} and prepares the output directory. */
  public static RunSetup prepare(ReelBeamOptions o) throws CommandLine.BadArguments {
    if (o.getInput() == null || o.getInput().isBlank()) {
      throw new CommandLine.BadArguments("--input is required: a directory of videos or a glob");
    }
    if (o.getWorkers() < 0) {
      throw new CommandLine.BadArguments("--workers must be 0 (all cores) or more, not " + o.getWorkers());
    }
    String frames = o.getFrames() == null ? "" : o.getFrames().toLowerCase(Locale.ROOT);
    if (!frames.equals("scene") && !frames.equals("interval")) {
      throw new CommandLine.BadArguments("--frames must be 'scene' or 'interval', not '" + o.getFrames() + "'");
    }
    if (!(o.getInterval() > 0)) {
      throw new CommandLine.BadArguments("--interval must be a positive number of seconds");
    }
    if (!(o.getThreshold() > 0)) {
      throw new CommandLine.BadArguments("--threshold must be positive");
    }
    if (o.getMinSceneLen() < 0) {
      throw new CommandLine.BadArguments("--minSceneLen must be 0 or more frames");
    }
    DetectorFlags.check(o);
    if (o.getKeyframeBufferMb() != null && o.getKeyframeBufferMb() < 0) {
      throw new CommandLine.BadArguments("--keyframeBufferMb must be 0 or more");
    }
    if (o.getSegmentSeconds() != null && !(o.getSegmentSeconds() > 0)) {
      throw new CommandLine.BadArguments("--segmentSeconds must be positive");
    }
    HdfsInput.configure(o, o.getInput());
    HdfsInput.configure(o, o.getOutput());
    if (o.getDocs() != null && !o.getDocs().isBlank()) {
      HdfsInput.configure(o, o.getDocs());
    }
    String input = resolveInput(o.getInput());
    String out = outputRoot(o.getOutput());
    OutputStore store = OutputStore.at(out);
    checkWritable(store);
    removeStaleTemporaries(store);
    int workers = o.getWorkers() == 0 ? Runtime.getRuntime().availableProcessors() : o.getWorkers();
    long keyframeBufferMb = ReelBeamPipeline.keyframeBufferMb(o, workers, ReelBeamPipeline.physicalMemoryBytes());
    return new RunSetup(input, out, workers, keyframeBufferMb,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static String resolveInput(String input) throws CommandLine.BadArguments {
    boolean glob = input.matches(".*[*?\\[{].*");
    boolean uri = input.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    if (glob || uri) {
      if (glob && !uri) {
        // The folder before the first wildcard must exist, or the input is simply wrong.
        String head = input.substring(0, input.replaceAll("[*?\\[{].*$", "").length());
        Path parent = localPath(head.contains("/") ? head.substring(0, head.lastIndexOf('/') + 1) : ".");
        if (parent != null && !Files.isDirectory(parent)) {
          throw new CommandLine.BadArguments("input directory does not exist: " + parent);
        }
        return input.startsWith("/") ? input : Paths.get("").toAbsolutePath().resolve(input).toString();
      }
      return input;
    }
    Path p = localPath(input);
    if (p == null || !Files.exists(p)) {
      throw new CommandLine.BadArguments("input directory does not exist: " + input);
    }
    return p.toString();
  }

  /** A local output made absolute; a Beam filesystem URI as given, without a trailing '/'. */
  private static String outputRoot(String output) throws CommandLine.BadArguments {
    if (output != null && Locations.isRemote(output)) {
      return output.replaceAll("/+$", "");
    }
    Path out = output == null ? null : localPath(output);
    if (out == null) {
      throw new CommandLine.BadArguments("--output must be a directory path: " + output);
    }
    return out.toString();
  }

  private static Path localPath(String s) {
    try {
      return Paths.get(s).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static void checkWritable(OutputStore out) throws CommandLine.BadArguments {
    try {
      if (!Locations.isRemote(out.root())) {
        Files.createDirectories(Path.of(out.root()));
      }
      out.write(".reelbeam-write-check", new byte[] {1});
      out.delete(".reelbeam-write-check");
    } catch (IOException | RuntimeException e) {
      // RuntimeException: Beam's FileSystems reports an unknown scheme or unreachable NameNode so
      throw new CommandLine.BadArguments("cannot write to output directory " + out.root() + ": " + describe(e));
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }

  /** Deletes {@code .tmp-} files an interrupted run left; they are never outputs. */
  static int removeStaleTemporaries(OutputStore root) throws CommandLine.BadArguments {
    try {
      return root.removeTemporaries();
    } catch (IOException e) {
      throw new CommandLine.BadArguments("cannot clean output directory " + root.root() + ": " + describe(e));
    }
  }
}
