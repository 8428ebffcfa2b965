package dev.reelbeam.io.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * An output directory on a Beam filesystem ({@code hdfs://}, {@code s3://}, {@code gs://}), through
 * {@link FileSystems}: the scheme's filesystem must be registered (its module on the class path,
 * {@code FileSystems.setDefaultPipelineOptions} called, as every Beam runner does on its workers).
 *
 * <p>A file is written under a {@code .tmp-} name in its final folder, closed, and renamed with
 * {@link FileSystems#rename}: on HDFS a rename is one NameNode operation, so a reader sees either
 * no file or the complete one; on object stores the rename is a copy, and the object appears whole.
 */
public final class BeamOutputStore implements OutputStore {
  private static final long serialVersionUID = 1L;

  /** How deep the layout's folders go (frames/&lt;id&gt;/file): where temporaries are looked for. */
  private static final int MAX_DEPTH = 4;

  private final String root;

  BeamOutputStore(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  @Override
  public String root() {
    return root;
  }

  @Override
  public String location(String rel) {
    return rel.isEmpty() ? root : root + "/" + rel;
  }

  private ResourceId resource(String rel) {
    return FileSystems.matchNewResource(location(rel), false);
  }

  private static String tempName(String rel) {
    int slash = rel.lastIndexOf('/');
    String dir = slash < 0 ? "" : rel.substring(0, slash + 1);
    return dir + AtomicFiles.TEMP_PREFIX + UUID.randomUUID().toString().substring(0, 8) + "-"
        + rel.substring(slash + 1);
  }

  @Override
  public void write(String rel, AtomicFiles.Body body) throws IOException {
    String tmp = tempName(rel);
    try {
      try (WritableByteChannel ch = FileSystems.create(resource(tmp), MimeTypes.BINARY);
          OutputStream out = Channels.newOutputStream(ch)) {
        body.writeTo(out);
      }
      commit(tmp, rel);
    } finally {
      deleteQuietly(tmp);
    }
  }

  @Override
  public void writeFromLocal(String rel, LocalWriter writer) throws IOException {
    Path dir = Files.createTempDirectory("reelbeam-out-");
    Path file = dir.resolve(rel.substring(rel.lastIndexOf('/') + 1));
    try {
      writer.writeTo(file);
      write(rel, out -> Files.copy(file, out));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Override
  public void commit(String fromRel, String toRel) throws IOException {
    FileSystems.rename(List.of(resource(fromRel)), List.of(resource(toRel)));
  }

  @Override
  public boolean isFile(String rel) throws IOException {
    return !match(location(rel)).isEmpty();
  }

  @Override
  public byte[] read(String rel) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(resource(rel)))) {
      return in.readAllBytes();
    }
  }

  @Override
  public long lastModifiedMillis(String rel) throws IOException {
    List<MatchResult.Metadata> m = match(location(rel));
    if (m.isEmpty()) {
      throw new java.io.FileNotFoundException(location(rel));
    }
    return m.get(0).lastModifiedMillis();
  }

  @Override
  public LocalCopy localCopy(String rel) throws IOException {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    Path tmp = Files.createTempFile("reelbeam-", dot < 0 ? "" : name.substring(dot));
    try (InputStream in = Channels.newInputStream(FileSystems.open(resource(rel)))) {
      Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return new LocalCopy(tmp, true);
  }

  @Override
  public List<String> list(String dirRel, String glob) throws IOException {
    List<String> names = new ArrayList<>();
    for (MatchResult.Metadata m : match(location(dirRel) + "/" + glob)) {
      names.add(m.resourceId().getFilename());
    }
    names.sort(null);
    return names;
  }

  @Override
  public boolean delete(String rel) throws IOException {
    if (!isFile(rel)) {
      return false;
    }
    FileSystems.delete(List.of(resource(rel)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    return true;
  }

  @Override
  public int removeTemporaries() throws IOException {
    List<ResourceId> stale = new ArrayList<>();
    StringBuilder folders = new StringBuilder();
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      for (MatchResult.Metadata m : match(root + folders + "/" + AtomicFiles.TEMP_PREFIX + "*")) {
        stale.add(m.resourceId());
      }
      folders.append("/*");
    }
    FileSystems.delete(stale, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    return stale.size();
  }

  /** The files {@code spec} matches; none when nothing (or no folder) does. */
  private static List<MatchResult.Metadata> match(String spec) throws IOException {
    MatchResult r = FileSystems.match(List.of(spec), EmptyMatchTreatment.ALLOW).get(0);
    if (r.status() != MatchResult.Status.OK) {
      return List.of();
    }
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata m : r.metadata()) {
      if (!m.resourceId().isDirectory()) {
        files.add(m);
      }
    }
    return files;
  }

  private void deleteQuietly(String rel) {
    try {
      FileSystems.delete(List.of(resource(rel)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      // a leftover .tmp- file is ignored by readers and removed by the next run
    }
  }
}
