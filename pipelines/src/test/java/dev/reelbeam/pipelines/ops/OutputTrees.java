package dev.reelbeam.pipelines.ops;

import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Digests of every file in an output tree, to compare two runs byte for byte. */
final class OutputTrees {

  private OutputTrees() {}

  /**
   * Relative path (with '/') to SHA-256 of every regular file under {@code root} that {@code keep}
   * accepts; temporary files of interrupted writes are never outputs.
   */
  static Map<String, String> digests(Path root, Predicate<String> keep) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (AtomicFiles.isTemporary(f.getFileName().toString()) || !keep.test(rel)) {
          continue;
        }
        out.put(rel, Sha256.of(f));
      }
    }
    return out;
  }

  /** The paths whose digests differ or that only one side has, for a readable failure. */
  static String differences(Map<String, String> a, Map<String, String> b) {
    StringBuilder s = new StringBuilder();
    Map<String, String> all = new TreeMap<>(a);
    b.forEach(all::putIfAbsent);
    for (String k : all.keySet()) {
      String x = a.get(k);
      String y = b.get(k);
      if (x == null || y == null || !x.equals(y)) {
        s.append(x == null ? "  only in second: " : y == null ? "  only in first: " : "  differs: ").append(k).append('\n');
      }
    }
    return s.toString();
  }
}
