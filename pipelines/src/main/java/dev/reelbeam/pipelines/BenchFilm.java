package dev.reelbeam.pipelines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The films {@code bench} makes, each named by its {@code --codec} value. All are the same 1080p24
 * picture and sound (the shared clips scaled, concatenated and looped, {@link BenchCommand#buildFilm});
 * they differ in how costly the picture is to decode, which decides how much the pipeline's own
 * per-frame work weighs against the decode.
 */
enum BenchFilm {
  /**
   * High profile (CABAC, B-frames, 8x8 transforms) at x264's default preset, CRF 18, GOPs up to
   * 10 s: expensive to decode, the film PySceneDetect's own path costs ~1.27x the decode on.
   */
  X264("x264", "h264", List.of("-preset", "medium", "-crf", "18")),
  /**
   * What people download or rip: x264 {@code veryfast}, CRF 20, 2-second GOPs (48 frames at 24 fps,
   * no shorter): cheap to decode, so every per-frame cost and the cold start weigh more.
   */
  X264_VERYFAST("x264-veryfast", "h264",
      List.of("-preset", "veryfast", "-crf", "20", "-g", "48", "-keyint_min", "48")),
  /** JavaCV's own openh264: Constrained Baseline, the cheapest H.264 to decode; no ffmpeg needed. */
  H264("h264", null, List.of()),
  /** MPEG-4 Part 2 from JavaCV's FFmpeg: quick to make, cheaper still to decode. */
  MPEG4("mpeg4", null, List.of());

  private final String codecName;
  private final String madeFrom;
  private final List<String> x264Args;

  BenchFilm(String codecName, String madeFrom, List<String> x264Args) {
    this.codecName = codecName;
    this.madeFrom = madeFrom;
    this.x264Args = x264Args;
  }

  /** Its {@code --codec} name. */
  String codecName() {
    return codecName;
  }

  /** The film this one is re-encoded from by an external ffmpeg with libx264; empty when made in-process. */
  Optional<BenchFilm> madeFrom() {
    return Optional.ofNullable(madeFrom).map(BenchFilm::named);
  }

  /** libx264's settings for a re-encoded film. */
  List<String> x264Args() {
    return x264Args;
  }

  boolean needsX264() {
    return madeFrom != null;
  }

  /** Where this film of {@code minutes} is cached (names kept from earlier benches, so caches stay valid). */
  Path path(Path filmDir, double minutes) {
    String suffix = needsX264() ? "" : "_v2";
    return filmDir.resolve(String.format(Locale.ROOT, "bench_1080p_%s_%.0fmin%s.mp4", codecName, minutes, suffix));
  }

  static BenchFilm named(String name) {
    for (BenchFilm f : values()) {
      if (f.codecName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("--codec must be auto or a comma-separated list of " + names() + ", not " + name);
  }

  static String names() {
    List<String> n = new ArrayList<>();
    for (BenchFilm f : values()) {
      n.add(f.codecName);
    }
    return String.join(", ", n);
  }

  /**
   * {@code --codec}'s films: {@code auto} is both x264 films (the expensive one and the cheap one)
   * when they are cached or an ffmpeg with libx264 can make them, otherwise openh264's film.
   */
  static List<BenchFilm> parse(String codecs, java.util.function.BooleanSupplier x264Available, Path filmDir, double minutes) {
    if (codecs.equals("auto")) {
      boolean cached = java.nio.file.Files.isRegularFile(X264.path(filmDir, minutes))
          && java.nio.file.Files.isRegularFile(X264_VERYFAST.path(filmDir, minutes));
      return cached || x264Available.getAsBoolean() ? List.of(X264, X264_VERYFAST) : List.of(H264);
    }
    List<BenchFilm> out = new ArrayList<>();
    for (String c : codecs.split(",")) {
      out.add(named(c.trim()));
    }
    return out;
  }
}
