package dev.reelbeam.io.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** An output directory on this machine (or a POSIX mount): {@link AtomicFiles} under a root path. */
public final class LocalOutputStore implements OutputStore {
  private static final long serialVersionUID = 1L;

  private final String root;

  LocalOutputStore(String root) {
    this.root = root.startsWith("file://") ? Paths.get(java.net.URI.create(root)).toString() : root;
  }

  private Path path(String rel) {
    return Paths.get(root).resolve(rel);
  }

  @Override
  public String root() {
    return root;
  }

  @Override
  public String location(String rel) {
    return path(rel).toString();
  }

  @Override
  public void write(String rel, byte[] bytes) throws IOException {
    AtomicFiles.write(path(rel), bytes);
  }

  @Override
  public void write(String rel, AtomicFiles.Body body) throws IOException {
    AtomicFiles.write(path(rel), body);
  }

  @Override
  public boolean writeIfChanged(String rel, byte[] bytes) throws IOException {
    return AtomicFiles.writeIfChanged(path(rel), bytes);
  }

  @Override
  public void stage(String rel, byte[] bytes) throws IOException {
    Path target = path(rel);
    Files.createDirectories(target.getParent());
    Path tmp = AtomicFiles.tempSibling(target);
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void writeFromLocal(String rel, LocalWriter writer) throws IOException {
    Path target = path(rel);
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = AtomicFiles.tempSibling(target);
    try {
      writer.writeTo(tmp);
      AtomicFiles.commit(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void commit(String fromRel, String toRel) throws IOException {
    AtomicFiles.commit(path(fromRel), path(toRel));
  }

  @Override
  public boolean isFile(String rel) {
    return Files.isRegularFile(path(rel));
  }

  @Override
  public byte[] read(String rel) throws IOException {
    return Files.readAllBytes(path(rel));
  }

  @Override
  public long lastModifiedMillis(String rel) throws IOException {
    return Files.getLastModifiedTime(path(rel)).toMillis();
  }

  @Override
  public LocalCopy localCopy(String rel) {
    return new LocalCopy(path(rel), false);
  }

  @Override
  public List<String> list(String dirRel, String glob) throws IOException {
    Path dir = path(dirRel);
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          names.add(f.getFileName().toString());
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public boolean delete(String rel) throws IOException {
    return Files.deleteIfExists(path(rel));
  }

  @Override
  public int removeTemporaries() throws IOException {
    Path dir = Paths.get(root);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int[] removed = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        if (AtomicFiles.isTemporary(f.getFileName().toString())) {
          Files.deleteIfExists(f);
          removed[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return removed[0];
  }
}
