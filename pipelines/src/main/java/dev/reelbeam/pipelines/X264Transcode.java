package dev.reelbeam.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Re-encodes the bench film as films are encoded: H.264 High profile (CABAC, B-frames, 8x8
 * transforms, weighted prediction) by libx264, with the settings of one of the {@link BenchFilm}s.
 *
 * <p>Why an external ffmpeg: the FFmpeg that JavaCV ships is built without GPL parts, so its only
 * H.264 encoder is openh264, which writes Constrained Baseline (CAVLC, no B-frames). That stream
 * decodes about 1.6 times faster per frame than a High-profile one, so the same per-frame work of
 * the pipeline weighs more against it. The bench only; nothing else runs an external program.
 */
final class X264Transcode {
  private X264Transcode() {}

  /** Whether an {@code ffmpeg} on the PATH lists the libx264 encoder. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-encoders").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("libx264");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@code source} re-encoded into {@code target} with libx264 and {@code x264Args} (preset, rate
   * control, GOP), the audio copied; written to a temp file, then renamed.
   */
  static void transcode(Path source, Path target, List<String> x264Args) throws IOException, InterruptedException {
    Path tmp = target.resolveSibling(".tmp-" + target.getFileName());
    Files.deleteIfExists(tmp);
    Path log = target.resolveSibling(target.getFileName() + ".ffmpeg.log");
    List<String> cmd = new java.util.ArrayList<>(List.of(
        "ffmpeg", "-hide_banner", "-nostdin", "-y", "-i", source.toString(), "-c:v", "libx264"));
    cmd.addAll(x264Args);
    cmd.addAll(List.of("-pix_fmt", "yuv420p", "-c:a", "copy", "-f", "mp4", tmp.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int status = p.waitFor();
    if (status != 0) {
      Files.deleteIfExists(tmp);
      throw new IOException("ffmpeg failed (exit " + status + "); see " + log);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
