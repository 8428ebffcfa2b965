package dev.reelbeam.pipelines.launch;

import java.util.List;
import java.util.Set;

/**
 * The JIT and collector of a pipeline command on a film (any input {@link ShortJob} does not call
 * short). The decode pass's time is in FFmpeg's and OpenCV's native code; its Java is a few percent
 * of a frame's cost. So C2's faster code pays for little, while compiling it costs a long job
 * 6-7 s of CPU (a profile of a cold {@code stage1 --workers=2} on an 8-minute 1080p film: 6.7 s in
 * the C2 compiler thread, 1.8 s in C1's, against 0.2 s in the collector's threads), which with two
 * workers is taken from the decoders. C1 alone ({@code -XX:TieredStopAtLevel=1}) gives that back.
 * The collector is the serial one, as for short jobs: the pass keeps little on the heap, and the
 * G1 heap it replaces was resident memory next to the keyframe buffer.
 *
 * <p>A {@code run} that also indexes documents ({@code --docs}) beyond a few megabytes keeps
 * HotSpot's defaults: chunking and the Lucene index are Java's own work, where C2 pays.
 */
final class FilmJob {

  private static final Set<String> FILM_COMMANDS = Set.of("run", "stage1", "stage2");

  private FilmJob() {}

  /**
   * C1 alone and the serial collector for {@code run}, {@code stage1} and {@code stage2} (none for
   * other commands or a large knowledge base); the user's own JIT or collector flags win.
   */
  static List<String> flags(String[] args, List<String> jvmArgs) {
    if (args.length == 0 || !FILM_COMMANDS.contains(args[0])) {
      return List.of();
    }
    for (String a : args) {
      if (a.startsWith("--docs=")) {
        long size = ShortJob.localSize(a.substring(a.indexOf('=') + 1));
        if (size < 0 || size > ShortJob.SMALL_INPUT_BYTES) {
          return List.of();
        }
      }
    }
    // The same flags as a short job's (measured there and here): ShortJob owns them.
    return ShortJob.unlessChosen(ShortJob.JIT, ShortJob.GC, jvmArgs);
  }
}
