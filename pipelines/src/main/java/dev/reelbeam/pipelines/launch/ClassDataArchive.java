package dev.reelbeam.pipelines.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The class data sharing archive of one build of the jar on one JVM: the classes a ReelBeam command
 * loaded, parsed and verified once and then mapped from the archive by every later start (Java 17's
 * dynamic archive, {@code -XX:ArchiveClassesAtExit} then {@code -XX:SharedArchiveFile}).
 *
 * <p>The JVM takes an archive only with the very jar (path, size, modification time) and the very
 * JVM that wrote it, so the file name carries all of them: a rebuilt jar or another JDK gets its own
 * archive instead of one the JVM would reject. The first run of a build writes it, under a name of
 * its own; the launcher renames it into place once that run has exited, so a concurrent start never
 * maps a half-written file.
 *
 * <p>Every build writes an archive of about 50 MB, so the folder keeps only the {@link #KEPT} most
 * recently used ones (a start that maps an archive marks it used): without that, a developer who
 * rebuilds all day fills the disk with archives of jars that no longer exist. Removing an archive
 * a running JVM has mapped is harmless (the mapping outlives the name), and a removed archive that
 * is still wanted is only written again by its jar's next run.
 */
final class ClassDataArchive {

  /** How many archives the folder keeps: a few builds (or JDKs) used side by side. */
  static final int KEPT = 4;

  /** A pending archive older than this belongs to a run that was killed while writing it. */
  private static final Duration ABANDONED = Duration.ofDays(1);

  private final Path dir;
  private final String name;

  private ClassDataArchive(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** The archive of {@code jar} on this JVM, kept in {@code dir}. */
  static ClassDataArchive of(Path dir, Path jar) throws IOException {
    String key = String.join("|", jar.toAbsolutePath().normalize().toString(),
        Long.toString(Files.size(jar)), Long.toString(Files.getLastModifiedTime(jar).toMillis()),
        System.getProperty("java.vm.version", ""), System.getProperty("java.home", ""));
    String jarName = jar.getFileName().toString().replaceAll("\\.jar$", "");
    return new ClassDataArchive(dir, String.format(Locale.ROOT, "%s-%08x.jsa", jarName, key.hashCode()));
  }

  /**
   * The folder for archives: {@code $XDG_CACHE_HOME/reelbeam/cds} or {@code ~/.cache/reelbeam/cds};
   * empty when neither can be made (then ReelBeam starts without an archive, as before).
   */
  static Optional<Path> defaultDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Paths.get(xdg)
        : Paths.get(System.getProperty("user.home", "."), ".cache");
    Path dir = base.resolve("reelbeam").resolve("cds");
    try {
      Files.createDirectories(dir);
      return Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  Path path() {
    return dir.resolve(name);
  }

  /** Where a run that writes the archive puts it: a name of its own (a concurrent run writes another). */
  Path pending(long pid) {
    return dir.resolve(".tmp-" + pid + "-" + name);
  }

  /**
   * The JVM flags that use the archive when it exists and write it otherwise. The JVM's own
   * messages about archives (a class it cannot archive, a mismatch) are turned off: they would go to
   * standard output, among the command's own lines, and never change what the command does.
   */
  List<String> jvmFlags(long pid) {
    String quiet = "-Xlog:cds=off,cds+dynamic=off,cds+map=off";
    return Files.isRegularFile(path())
        ? List.of("-XX:SharedArchiveFile=" + path(), quiet)
        : List.of("-XX:ArchiveClassesAtExit=" + pending(pid), quiet);
  }

  /** Marks the archive used now, so that pruning keeps it over archives of older builds. */
  void markUsed() {
    try {
      Files.setLastModifiedTime(path(), FileTime.from(Instant.now()));
    } catch (IOException e) {
      // Only which archive a later prune keeps depends on it.
    }
  }

  /**
   * After the run: a written archive goes into place (the first one wins); a partial one is
   * removed; then the folder is pruned to the {@link #KEPT} most recently used archives.
   */
  void settle(long pid, boolean runSucceeded) {
    Path pending = pending(pid);
    try {
      if (runSucceeded && Files.isRegularFile(pending) && !Files.exists(path())) {
        Files.move(pending, path(), StandardCopyOption.ATOMIC_MOVE);
      }
      Files.deleteIfExists(pending);
    } catch (IOException e) {
      // Only a later start's speed depends on it; the next run writes it again.
    }
    prune(Instant.now());
  }

  /**
   * Removes all but the {@link #KEPT} most recently used archives, and pending ones abandoned by
   * killed runs; this archive is always kept.
   */
  void prune(Instant now) {
    List<Path> archives = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        if (n.startsWith(".tmp-") && n.endsWith(".jsa")) {
          if (modified(f).plus(ABANDONED).isBefore(now)) {
            Files.deleteIfExists(f);
          }
        } else if (n.endsWith(".jsa") && !f.equals(path())) {
          archives.add(f);
        }
      }
      archives.sort(Comparator.comparing(ClassDataArchive::modified).reversed());
      for (Path old : archives.subList(Math.min(archives.size(), KEPT - 1), archives.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException | UncheckedIOException e) {
      // A folder that cannot be listed or cleaned costs disk space, never a run.
    }
  }

  private static Instant modified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
