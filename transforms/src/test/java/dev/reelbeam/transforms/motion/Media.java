package dev.reelbeam.transforms.motion;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test media: {@code reelbeam.shared} (set by surefire), else {@code ../shared}. */
public final class Media {
  private Media() {}

  public static Path shared() {
    String p = System.getProperty("reelbeam.shared");
    if (p != null && Files.isDirectory(Path.of(p))) {
      return Path.of(p);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("../shared/media"))) {
        return dir.resolve("../shared").normalize();
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("shared media not found: set -Dreelbeam.shared");
  }

  public static Path media(String relative) {
    return shared().resolve("media").resolve(relative);
  }
}
