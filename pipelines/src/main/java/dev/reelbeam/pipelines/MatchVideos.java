package dev.reelbeam.pipelines;

import com.google.auto.value.AutoValue;
import dev.reelbeam.transforms.WithErrors;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.model.ErrorRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds the videos of {@code --input}: a directory (searched recursively, following links) or a
 * glob, matched through Beam's {@link FileSystems}. Anything whose name says video (mp4, mkv, avi,
 * mov, webm, any case) is a candidate; candidates that cannot be videos (a directory named {@code
 * x.avi}, a dangling link, an unreadable or empty file) and folders that cannot be searched become
 * {@link ErrorRecord}s of stage {@code input} instead of vanishing.
 */
@AutoValue
public abstract class MatchVideos extends PTransform<PBegin, MatchVideos.Result> {

  /** Containers ReelBeam reads, lower case. */
  public static final Set<String> EXTENSIONS = Set.of("mp4", "mkv", "avi", "mov", "webm");

  public static final String STAGE = "input";

  /** The directory, glob or single file to match. */
  abstract String getInput();

  MatchVideos() {}

  /** Matches {@code input}: a directory, a glob, or a single file. */
  public static MatchVideos in(String input) {
    Objects.requireNonNull(input, "input");
    if (input.isBlank()) {
      throw new IllegalArgumentException("input is empty");
    }
    return new AutoValue_MatchVideos(input);
  }

  @Override
  public void populateDisplayData(org.apache.beam.sdk.transforms.display.DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(org.apache.beam.sdk.transforms.display.DisplayData.item("input", getInput())
        .withLabel("Videos: directory, glob or file"));
  }

  /** Whether the name ends in a video container extension (case-insensitive). */
  public static boolean looksLikeVideo(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Video paths that can be opened, and error records for those that cannot. */
  public static final class Result extends WithErrors<String> {
    Result(PCollection<String> paths, PCollection<ErrorRecord> errors) {
      super(paths.getPipeline(), PATHS, paths, ERRORS, errors);
    }

    public PCollection<String> paths() {
      return output();
    }
  }

  static final TupleTag<String> PATHS = new TupleTag<>("paths") {};
  static final TupleTag<ErrorRecord> ERRORS = new TupleTag<>("errors") {};

  @Override
  public Result expand(PBegin begin) {
    PCollectionTuple listed =
        begin
            .apply("Input", Create.of(getInput()).withCoder(StringUtf8Coder.of()))
            .apply("ListCandidates", ParDo.of(new ListFn()).withOutputTags(PATHS, TupleTagList.of(ERRORS)));
    listed.get(ERRORS).setCoder(ErrorRecordCoder.of());
    PCollectionTuple checked =
        listed.get(PATHS).setCoder(StringUtf8Coder.of())
            // One element per video from here: let the runner spread them over workers.
            .apply("Spread", Reshuffle.viaRandomKey())
            .apply("CheckReadable", ParDo.of(new CheckFn()).withOutputTags(PATHS, TupleTagList.of(ERRORS)));
    PCollection<ErrorRecord> errors =
        org.apache.beam.sdk.values.PCollectionList.of(listed.get(ERRORS))
            .and(checked.get(ERRORS).setCoder(ErrorRecordCoder.of()))
            .apply("AllInputErrors", org.apache.beam.sdk.transforms.Flatten.pCollections());
    return new Result(checked.get(PATHS).setCoder(StringUtf8Coder.of()), errors);
  }

  static ErrorRecord error(String path, Exception e, String message) {
    return new ErrorRecord(path, VideoId.of(path), STAGE, e.getClass().getName(), message);
  }

  /** Lists candidates: a local directory by walking it, anything else through FileSystems.match. */
  static final class ListFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String spec, MultiOutputReceiver out) throws IOException {
      Path dir = localDirectory(spec);
      if (dir != null) {
        walk(dir, out);
        return;
      }
      String pattern = spec.endsWith("/") ? spec + "**" : spec;
      String under = null; // a remote directory: only what lies beneath it
      if (remoteDirectory(spec)) {
        under = spec.replaceAll("/+$", "") + "/";
        // Beam's Hadoop filesystem recurses for "dir**" but finds nothing for "dir/**".
        pattern = spec.replaceAll("/+$", "") + "**";
      }
      MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
      if (match.status() != MatchResult.Status.OK && match.status() != MatchResult.Status.NOT_FOUND) {
        throw new IOException("cannot match " + spec + ": " + match.status());
      }
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : match.metadata()) {
          String path = m.resourceId().toString();
          String name = m.resourceId().getFilename();
          if (name != null && looksLikeVideo(name) && (under == null || path.startsWith(under))) {
            out.get(PATHS).output(path);
          }
        }
      }
      localDirectoriesMatching(pattern, out);
    }

    /**
     * A glob match lists files only; a local directory the glob matches whose name says video
     * (x.avi) is a candidate too, so that it gets its error record instead of vanishing.
     */
    private static void localDirectoriesMatching(String pattern, MultiOutputReceiver out) throws IOException {
      if (pattern.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
        return;
      }
      String fixed = pattern.replaceAll("[*?\\[{].*$", "");
      Path base;
      try {
        base = Paths.get(fixed.contains("/") ? fixed.substring(0, fixed.lastIndexOf('/') + 1) : ".")
            .toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        return;
      }
      if (!Files.isDirectory(base) || fixed.equals(pattern)) {
        return;
      }
      String absolute = pattern.startsWith("/") ? pattern : base.resolve(pattern.substring(fixed.lastIndexOf('/') + 1)).toString();
      java.nio.file.PathMatcher matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + absolute);
      Files.walkFileTree(base, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(base) && matcher.matches(d) && looksLikeVideo(d.getFileName().toString())) {
            out.get(PATHS).output(d.toString());
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          return FileVisitResult.CONTINUE; // the glob match itself reports what it cannot read
        }
      });
    }

    /**
     * A remote input without wildcards whose name is not a video's (hdfs://nn/films) is a
     * directory, searched recursively as a local one is (a remote match lists files only).
     */
    private static boolean remoteDirectory(String spec) {
      String name = spec.replaceAll("/+$", "");
      return spec.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")
          && !spec.regionMatches(true, 0, "file:", 0, 5)
          && !spec.matches(".*[*?\\[{].*")
          && !looksLikeVideo(name.substring(name.lastIndexOf('/') + 1));
    }

    private static Path localDirectory(String spec) {
      try {
        Path p = Paths.get(spec);
        return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
      } catch (InvalidPathException e) {
        return null; // a URI or a glob
      }
    }

    private static void walk(Path root, MultiOutputReceiver out) throws IOException {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (!d.equals(root) && looksLikeVideo(d.getFileName().toString())) {
                out.get(PATHS).output(d.toString()); // CheckFn turns it into an error record
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (looksLikeVideo(f.getFileName().toString())) {
                out.get(PATHS).output(f.toString());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              String why;
              if (e instanceof FileSystemLoopException) {
                why = "symbolic link loop: " + f + " leads back to a folder above it; not searched";
              } else if (e instanceof AccessDeniedException) {
                why = "cannot read " + f + ": permission denied";
              } else {
                why = "cannot read " + f + ": " + e.getMessage();
              }
              out.get(ERRORS).output(error(f.toString(), e, why));
              return FileVisitResult.CONTINUE;
            }
          });
    }
  }

  /** Whether following the symbolic links from {@code p} comes back to a link already passed. */
  static boolean linksInALoop(Path p) {
    java.util.Set<Path> seen = new java.util.HashSet<>();
    Path cur = p.toAbsolutePath().normalize();
    try {
      while (Files.isSymbolicLink(cur)) {
        if (!seen.add(cur) || seen.size() > 40) {
          return true;
        }
        cur = cur.resolveSibling(Files.readSymbolicLink(cur)).toAbsolutePath().normalize();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Rejects what cannot be a readable video file, with the reason a person needs. */
  static final class CheckFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String path, MultiOutputReceiver out) {
      Path p;
      try {
        p = Paths.get(path);
      } catch (InvalidPathException e) {
        out.get(PATHS).output(path); // not a local path: the probe reads it through its file system
        return;
      }
      if (!p.isAbsolute()) {
        out.get(PATHS).output(path);
        return;
      }
      if (Files.isDirectory(p)) {
        out.get(ERRORS).output(error(path, new IOException("is a directory"), "is a directory, not a video file: " + path));
        return;
      }
      if (!Files.exists(p)) {
        String why =
            !Files.isSymbolicLink(p)
                ? "file disappeared before it could be read: " + path
                : linksInALoop(p)
                    ? "symbolic link loop: " + path + " leads back to itself and never reaches a file"
                    : "symbolic link to a missing file: " + path;
        out.get(ERRORS).output(error(path, new NoSuchFileException(path), why));
        return;
      }
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        if (ch.size() == 0) {
          out.get(ERRORS).output(error(path, new IOException("empty file"), "empty file (0 bytes): not a video: " + path));
          return;
        }
        ch.read(ByteBuffer.allocate(1));
      } catch (AccessDeniedException e) {
        out.get(ERRORS).output(error(path, e, "cannot read file: permission denied: " + path));
        return;
      } catch (IOException e) {
        out.get(ERRORS).output(error(path, e, "cannot read file: " + e.getMessage()));
        return;
      }
      out.get(PATHS).output(path);
    }
  }
}
