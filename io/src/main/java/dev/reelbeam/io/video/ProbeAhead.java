package dev.reelbeam.io.video;

import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.subtitles.SidecarFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One local video probed on a thread of its own before the pipeline asks for it. A cold {@code
 * stage1} of a single file otherwise probes it only once Beam has parsed the flags, built the graph
 * and started the runner; the probe (opening the file, FFmpeg's stream-info decode, the keyframe
 * scan) then stands between the runner's start and the first segment. Started while the graph is
 * built, it is ready when the probe step runs.
 *
 * <p>The probe step takes the result only for the very path string it was started with and only
 * when the input's fingerprint (size, time, head and tail, sidecar subtitles) is still the one the
 * probe recorded; anything else (another path, a changed file or sidecar, a probe that failed, a
 * second take) is empty, and the step probes
 * as it always did, so its output and its error records are those of {@link VideoProbe#probe}.
 * The caller has loaded FFmpeg's natives ({@code NativeLibraries}) before it starts one.
 */
public final class ProbeAhead {

  private record Pending(String path, CompletableFuture<VideoInfo> result) {}

  private static final AtomicReference<Pending> PENDING = new AtomicReference<>();

  private ProbeAhead() {}

  /**
   * Starts probing {@code path} (a local regular file) on a daemon thread; does nothing when it
   * is not one. Replaces a probe started before that was not taken.
   */
  public static void start(String path) {
    try {
      if (!Files.isRegularFile(Path.of(path))) {
        return;
      }
    } catch (InvalidPathException e) {
      return;
    }
    CompletableFuture<VideoInfo> result = new CompletableFuture<>();
    PENDING.set(new Pending(path, result));
    Thread t = new Thread(() -> {
      try {
        result.complete(VideoProbe.probe(path));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "reelbeam-probe-ahead");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The result of the probe started for exactly {@code path}, once it has ended, if it succeeded
   * and the file is unchanged since; taken once. Empty otherwise: probe it.
   */
  public static Optional<VideoInfo> take(String path) {
    Pending p = PENDING.get();
    if (p == null || !p.path().equals(path) || !PENDING.compareAndSet(p, null)) {
      return Optional.empty();
    }
    VideoInfo info;
    try {
      info = p.result().join();
    } catch (RuntimeException failed) {
      return Optional.empty(); // the step's own probe reports it, as before
    }
    // The input as it is now (size, time, head and tail, sidecar subtitles), as the probe records it.
    try {
      if (!info.fingerprint().equals(Fingerprint.of(Path.of(path)) + SidecarFiles.fingerprint(path))) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(info);
  }

  /** Waits for the pending probe, if any, to end (its result stays pending): for tests. */
  static void awaitPending() {
    Pending p = PENDING.get();
    if (p != null) {
      p.result().handle((info, failure) -> null).join();
    }
  }
}
