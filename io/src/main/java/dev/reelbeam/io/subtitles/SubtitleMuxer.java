package dev.reelbeam.io.subtitles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * Puts subtitle files into a copy of a video as text tracks, with the {@code ffmpeg} program that
 * ships inside JavaCV's FFmpeg jar (no system FFmpeg needed): video and audio copied, each
 * subtitle a stream with its language. For making test clips and demos.
 */
public final class SubtitleMuxer {
  private SubtitleMuxer() {}

  /** A subtitle file to add, its language (ISO 639-2, e.g. {@code eng}) and title. */
  public record Input(Path file, String language, String title) {}

  /**
   * Writes {@code out} (its container from its extension: mkv, mp4) from {@code video} and
   * {@code subtitles}, encoded with {@code codec} ({@code srt}, {@code ass}, {@code webvtt},
   * {@code mov_text}).
   */
  public static void mux(Path video, List<Input> subtitles, String codec, Path out)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ffmpeg(), "-v", "error", "-y", "-i", video.toString()));
    for (Input s : subtitles) {
      cmd.addAll(List.of("-i", s.file().toString()));
    }
    cmd.addAll(List.of("-map", "0:v", "-map", "0:a?"));
    for (int i = 0; i < subtitles.size(); i++) {
      cmd.addAll(List.of("-map", (i + 1) + ":0"));
    }
    cmd.addAll(List.of("-c:v", "copy", "-c:a", "copy", "-c:s", codec));
    for (int i = 0; i < subtitles.size(); i++) {
      cmd.addAll(List.of("-metadata:s:s:" + i, "language=" + subtitles.get(i).language()));
      if (!subtitles.get(i).title().isEmpty()) {
        cmd.addAll(List.of("-metadata:s:s:" + i, "title=" + subtitles.get(i).title()));
      }
    }
    cmd.add(out.toString());
    run(cmd);
  }

  /** Runs the bundled {@code ffmpeg} with {@code args}. */
  public static void ffmpeg(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ffmpeg()));
    cmd.addAll(args);
    run(cmd);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] said = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("ffmpeg did not finish in 120 s: " + String.join(" ", cmd));
    }
    if (p.exitValue() != 0) {
      throw new IOException("ffmpeg failed (" + p.exitValue() + "): "
          + new String(said, StandardCharsets.UTF_8).strip() + "\n  " + String.join(" ", cmd));
    }
  }

  /** The path of JavaCV's bundled {@code ffmpeg} program (unpacked on first use). */
  public static String ffmpeg() {
    return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
  }
}
