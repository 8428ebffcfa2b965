package dev.reelbeam.io.files;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * The output directory of a run, on whichever filesystem it lives: this machine's disk (or a POSIX
 * mount such as a studio's NFS) or any Beam filesystem ({@code hdfs://}, {@code s3://},
 * {@code gs://}). Every writer and every stage that reads another stage's files goes through it, by
 * names relative to the root with '/' separators ({@code OutputLayout}'s names).
 *
 * <p>Its guarantee on every filesystem: a file under its final name is complete. Bytes go to a
 * {@code .tmp-} name in the final folder first and are renamed over the final name.
 *
 * <p>A local root is served by {@link LocalOutputStore} with {@code java.nio} exactly as before
 * (same bytes, no extra copy); any other by {@link BeamOutputStore} through Beam's
 * {@code FileSystems}. A store holds only its root, so it is cheap to make where it is needed.
 */
public interface OutputStore extends Serializable {

  /** The store for {@code root}: a local path (or {@code file://} URI) or a Beam filesystem URI. */
  static OutputStore at(String root) {
    return Locations.isRemote(root) ? new BeamOutputStore(root) : new LocalOutputStore(root);
  }

  /** Writes a file that a native encoder or a library produces at a local path. */
  @FunctionalInterface
  interface LocalWriter {
    void writeTo(Path file) throws IOException;
  }

  /** The root as given (local: absolute path; remote: the URI). */
  String root();

  /** Whether the root is on this machine's filesystem (or a POSIX mount). */
  default boolean isLocal() {
    return !Locations.isRemote(root());
  }

  /** Where {@code rel} lives, as a person or another program names it: a path or a URI. */
  String location(String rel);

  /** Writes {@code bytes} under {@code rel} atomically, creating folders. */
  default void write(String rel, byte[] bytes) throws IOException {
    write(rel, out -> out.write(bytes));
  }

  /** Streams {@code body} under {@code rel} atomically, creating folders. */
  void write(String rel, AtomicFiles.Body body) throws IOException;

  /**
   * Writes {@code bytes} under {@code rel} unless it already holds exactly them.
   *
   * @return whether the file was written
   */
  default boolean writeIfChanged(String rel, byte[] bytes) throws IOException {
    if (isFile(rel) && java.util.Arrays.equals(read(rel), bytes)) {
      return false;
    }
    write(rel, bytes);
    return true;
  }

  /**
   * Writes a cache file (such as a frame the decode pass encoded ahead of need): whole under its
   * name like every write, but not forced to disk, because it is not an output until
   * {@link #commit} makes it one.
   */
  default void stage(String rel, byte[] bytes) throws IOException {
    write(rel, bytes);
  }

  /**
   * Lets {@code writer} fill a fresh local file that then becomes {@code rel}, atomically: for
   * writers that need a path (native encoders, channels that seek back to fill a header). The file
   * does not exist when the writer is called.
   */
  void writeFromLocal(String rel, LocalWriter writer) throws IOException;

  /** Makes the complete file {@code fromRel} (a {@code .tmp-} name) the file {@code toRel}. */
  void commit(String fromRel, String toRel) throws IOException;

  /** Whether {@code rel} is a file. */
  boolean isFile(String rel) throws IOException;

  /** The bytes of {@code rel}. */
  byte[] read(String rel) throws IOException;

  /** When {@code rel} was last written, in milliseconds since the epoch (0 when the filesystem does not say). */
  long lastModifiedMillis(String rel) throws IOException;

  /**
   * {@code rel} as a local file to read, and whether it is a temporary copy the caller deletes:
   * for readers that need a path (image decoders). Local stores return the file itself.
   */
  LocalCopy localCopy(String rel) throws IOException;

  /**
   * Names (not paths) of the files directly in folder {@code dirRel} that match {@code glob}
   * ({@code *} any characters, {@code ?} one), sorted; none when the folder does not exist.
   */
  List<String> list(String dirRel, String glob) throws IOException;

  /** Deletes {@code rel} if it exists; returns whether it did. */
  boolean delete(String rel) throws IOException;

  /**
   * Deletes every {@code .tmp-} file an interrupted run left anywhere under the root; returns how
   * many.
   */
  int removeTemporaries() throws IOException;

  /** A local file holding an output's bytes; closing deletes it when it is a copy. */
  record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (temporary) {
        java.nio.file.Files.deleteIfExists(path);
      }
    }
  }
}
