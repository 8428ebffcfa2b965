package dev.reelbeam.io.subtitles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.StandardCopyOption;
import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.Sha256;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subtitle files beside a video with its base name: {@code film.srt}, {@code film.en.srt},
 * {@code film.pt-BR.vtt}, {@code film.ass}, {@code film.ssa}; the language comes from the suffix.
 */
public final class SidecarFiles {
  /** Extensions FFmpeg's subtitle demuxers read, and the demuxer for each. */
  public static final Set<String> EXTENSIONS = Set.of("srt", "vtt", "ass", "ssa");

  /** Video extensions a sidecar may belong to (those ReelBeam reads). */
  public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "avi", "mov", "webm", "m4v");

  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?");

  private SidecarFiles() {}

  /** A sidecar: its file, language ("" when the name has none) and extension. */
  public record Sidecar(Path file, String language, String extension) {}

  /** The sidecars of {@code video}, sorted by file name. */
  public static List<Sidecar> of(Path video) throws IOException {
    Path dir = video.toAbsolutePath().getParent();
    String base = baseName(video.getFileName().toString());
    List<Sidecar> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        parse(f).filter(s -> s.base.equals(base) && Files.isRegularFile(f))
            .ifPresent(s -> out.add(new Sidecar(f, s.language, s.extension)));
      }
    }
    out.sort((a, b) -> a.file().getFileName().toString().compareTo(b.file().getFileName().toString()));
    return out;
  }

  /** A sidecar of a video on another filesystem: its local copy, and where it came from. */
  public record Staged(Sidecar local, String remote) {}

  /**
   * The sidecars beside a video on another Beam filesystem ({@code hdfs://...}), found by listing
   * the video's folder through {@link FileSystems} and copied into {@code localDir} under their own
   * names, for FFmpeg's demuxers to read as local files; sorted by file name.
   */
  public static List<Staged> stageRemote(String video, Path localDir) throws IOException {
    ResourceId id = FileSystems.matchNewResource(video, false);
    String base = baseName(id.getFilename());
    String pattern = id.getCurrentDirectory().resolve("*", StandardResolveOptions.RESOLVE_FILE).toString();
    MatchResult m = FileSystems.match(pattern);
    if (m.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<Staged> out = new ArrayList<>();
    for (MatchResult.Metadata md : m.metadata()) {
      String name = md.resourceId().getFilename();
      if (name == null || md.resourceId().isDirectory()) {
        continue;
      }
      Optional<Parsed> p = parse(Path.of(name));
      if (p.isEmpty() || !p.get().base.equals(base)) {
        continue;
      }
      Path local = localDir.resolve(name);
      try (InputStream in = Channels.newInputStream(FileSystems.open(md.resourceId()))) {
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
      out.add(new Staged(new Sidecar(local, p.get().language, p.get().extension),
          md.resourceId().toString()));
    }
    out.sort((a, b) -> a.remote().compareTo(b.remote()));
    return out;
  }

  /**
   * The part of a video's input fingerprint that its sidecar subtitles make: {@code ""} when it
   * has none, else {@code ";sidecars:"} and 16 hex digits of a SHA-256 over each sidecar's name
   * and {@linkplain Fingerprint fingerprint}, in name order. A sidecar added, removed, renamed or
   * changed changes it, so {@code --resume} redoes the video (its subtitles are among its outputs).
   * {@code video} is local or on another Beam filesystem.
   */
  public static String fingerprint(String video) throws IOException {
    java.util.SortedMap<String, String> prints = new java.util.TreeMap<>();
    if (Locations.isRemote(video)) {
      ResourceId id = FileSystems.matchNewResource(video, false);
      String base = baseName(id.getFilename());
      String pattern = id.getCurrentDirectory().resolve("*", StandardResolveOptions.RESOLVE_FILE).toString();
      MatchResult m = FileSystems.match(pattern);
      if (m.status() != MatchResult.Status.NOT_FOUND) {
        for (MatchResult.Metadata md : m.metadata()) {
          String name = md.resourceId().getFilename();
          if (name != null && !md.resourceId().isDirectory()
              && parse(Path.of(name)).filter(p -> p.base.equals(base)).isPresent()) {
            prints.put(name, Fingerprint.of(md.resourceId().toString()));
          }
        }
      }
    } else {
      for (Sidecar s : of(Path.of(video))) {
        prints.put(s.file().getFileName().toString(), Fingerprint.of(s.file()));
      }
    }
    if (prints.isEmpty()) {
      return "";
    }
    StringBuilder lines = new StringBuilder();
    prints.forEach((name, print) -> lines.append(name).append('\t').append(print).append('\n'));
    return ";sidecars:" + Sha256.of(lines.toString()).substring(0, 16);
  }

  /** Whether {@code file}'s name is a subtitle file's. */
  public static boolean isSubtitleFile(Path file) {
    return parse(file).isPresent();
  }

  /**
   * Whether a video with {@code subtitle}'s base name exists beside it: a sidecar without one
   * belongs to nothing (a renamed or missing film).
   */
  public static boolean hasVideo(Path subtitle) throws IOException {
    Path dir = subtitle.toAbsolutePath().getParent();
    if (parse(subtitle).isEmpty() || dir == null) {
      return false;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        names.add(f.getFileName().toString());
      }
    }
    return hasVideo(subtitle.getFileName().toString(), names);
  }

  /**
   * Whether a subtitle file named {@code name} has a video of its base name among {@code
   * namesBeside}, the names in its folder however they were listed (a local folder, or a
   * {@code FileSystems.match} of a remote one).
   */
  public static boolean hasVideo(String name, java.util.Collection<String> namesBeside) {
    Optional<Parsed> p = parse(Path.of(name));
    if (p.isEmpty()) {
      return false;
    }
    for (String other : namesBeside) {
      int dot = other.lastIndexOf('.');
      if (dot > 0 && VIDEO_EXTENSIONS.contains(other.substring(dot + 1).toLowerCase(Locale.ROOT))
          && other.substring(0, dot).equals(p.get().base)) {
        return true;
      }
    }
    return false;
  }

  private record Parsed(String base, String language, String extension) {}

  private static Optional<Parsed> parse(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || name.startsWith(".")) {
      return Optional.empty();
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!EXTENSIONS.contains(ext)) {
      return Optional.empty();
    }
    String stem = name.substring(0, dot);
    int langDot = stem.lastIndexOf('.');
    if (langDot > 0) {
      Matcher m = LANGUAGE.matcher(stem.substring(langDot + 1));
      if (m.matches()) {
        return Optional.of(new Parsed(stem.substring(0, langDot), m.group(), ext));
      }
    }
    return Optional.of(new Parsed(stem, "", ext));
  }

  /** A video's name without its extension. */
  static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
