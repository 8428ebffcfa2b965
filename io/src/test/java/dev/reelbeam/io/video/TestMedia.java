package dev.reelbeam.io.video;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared test media is (system property {@code reelbeam.shared}, else ../shared). */
public final class TestMedia {
  private TestMedia() {}

  public static String clip(String relative) {
    String prop = System.getProperty("reelbeam.shared");
    Path root = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(root)) {
      root = Path.of("..", "shared");
    }
    return root.resolve("media").resolve(relative).toAbsolutePath().normalize().toString();
  }
}
