package dev.reelbeam.transforms.embed;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} for tests: the {@code reelbeam.shared} property, else beside the repo. */
public final class SharedFiles {
  private SharedFiles() {}

  public static Path root() {
    String prop = System.getProperty("reelbeam.shared");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("text"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("../shared not found; set -Dreelbeam.shared");
  }
}
