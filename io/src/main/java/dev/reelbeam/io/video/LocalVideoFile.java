package dev.reelbeam.io.video;

import dev.reelbeam.io.files.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A video as a file FFmpeg can open and seek: a local path is used as it is; a video on another
 * Beam filesystem ({@code hdfs://}, {@code s3://}, {@code gs://}: any scheme but {@code file}) is
 * copied through {@link FileSystems} into local temporary storage ({@code java.io.tmpdir}) and
 * removed when the last user in this JVM closes it.
 *
 * <p>Why a copy: FFmpeg seeks all over a file (the index at the end of an MP4, keyframes for
 * segments and frame pictures), and a local file gives exactly the bytes, timestamps and
 * seeking behaviour of a local run, so results are identical. Users open and close it around each
 * read (a probe, a segment's decode, an audio extraction); the segments of one film decoded at
 * the same time in one JVM share one copy. The copy keeps the remote file's modification time, so
 * its fingerprint is the remote file's.
 */
public final class LocalVideoFile implements AutoCloseable {

  /** Staged copies in this JVM, by remote path, with how many users hold each. */
  private static final Map<String, Staged> STAGED = new HashMap<>();

  private final String remote;
  private final Path local;
  private boolean closed;

  private LocalVideoFile(String remote, Path local) {
    this.remote = remote;
    this.local = local;
  }

  /**
   * {@code path} as a local file: itself when local, else a staged copy (made now, or shared with
   * another user of the same video in this JVM). Close it when done.
   */
  public static LocalVideoFile open(String path) throws MediaException {
    if (!Locations.isRemote(path)) {
      return new LocalVideoFile(null, null);
    }
    Staged s;
    synchronized (STAGED) {
      s = STAGED.computeIfAbsent(path, Staged::new);
      s.users++;
    }
    try {
      return new LocalVideoFile(path, s.file());
    } catch (MediaException | RuntimeException e) {
      release(path, s);
      throw e;
    }
  }

  /** The path to hand to FFmpeg: the original when local, the staged copy when remote. */
  public String path(String original) {
    return local == null ? original : local.toString();
  }

  @Override
  public void close() {
    if (remote != null && !closed) {
      closed = true;
      synchronized (STAGED) {
        release(remote, STAGED.get(remote));
      }
    }
  }

  private static void release(String remote, Staged s) {
    synchronized (STAGED) {
      if (s != null && --s.users == 0) {
        STAGED.remove(remote);
        s.delete();
      }
    }
  }

  /** One remote video's local copy, made once by its first user; the others wait for it. */
  private static final class Staged {
    private final String remote;
    /** Users holding it; guarded by {@code STAGED}. */
    private int users;
    private Path file;
    private MediaException failure;

    Staged(String remote) {
      this.remote = remote;
    }

    synchronized Path file() throws MediaException {
      if (file == null && failure == null) {
        try {
          file = copy(remote);
        } catch (MediaException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return file;
    }

    synchronized void delete() {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
          Files.deleteIfExists(file.getParent());
        } catch (IOException ignored) {
          // a leftover in the temporary folder harms no result; the OS clears it
        }
      }
    }
  }

  private static Path copy(String remote) throws MediaException {
    MatchResult.Metadata meta;
    try {
      meta = FileSystems.matchSingleFileSpec(remote);
    } catch (FileNotFoundException e) {
      throw new MediaException("Cannot read video " + remote + ": the file does not exist", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new MediaException("Cannot read video " + remote + ": " + e.getMessage(), e);
    }
    if (meta.sizeBytes() == 0) {
      throw new MediaException("Cannot read video " + remote + ": the file is empty (0 bytes)");
    }
    String name = meta.resourceId().getFilename();
    Path dir = null;
    try {
      // A folder per copy keeps the file's own name (FFmpeg guesses some formats from it).
      dir = Files.createTempDirectory("reelbeam-staged-");
      Path target = dir.resolve(name == null || name.isEmpty() ? "video" : name);
      Path part = dir.resolve(".part");
      try (ReadableByteChannel in = FileSystems.open(meta.resourceId());
          FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        long done = 0;
        long n;
        while ((n = out.transferFrom(in, done, 8 << 20)) > 0) {
          done += n;
        }
        if (done != meta.sizeBytes()) {
          throw new IOException("copied " + done + " of " + meta.sizeBytes() + " bytes");
        }
      }
      Files.setLastModifiedTime(part, FileTime.fromMillis(meta.lastModifiedMillis()));
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // the copy failed already; that is the error to report
        }
      }
      throw new MediaException(
          "Cannot read video " + remote + ": copying it to local temporary storage failed: " + e.getMessage(), e);
    }
  }
}
