package dev.reelbeam.pipelines.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless {@code chromium}, for the report's browser test: dumps a page's DOM after its
 * scripts ran, and takes screenshots. Each call uses a fresh profile directory and no network
 * services.
 */
final class Chromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** The serialized DOM of {@code page} after load. */
  static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    List<String> cmd = base(work);
    cmd.add("--dump-dom");
    cmd.add(page.toUri().toString());
    return run(cmd, work, "dom");
  }

  /** A PNG screenshot of {@code page} at {@code width}x{@code height}. */
  static Path screenshot(Path page, Path png, int width, int height, Path work)
      throws IOException, InterruptedException {
    List<String> cmd = base(work);
    cmd.add("--screenshot=" + png.toAbsolutePath());
    cmd.add("--window-size=" + width + "," + height);
    cmd.add("--hide-scrollbars");
    cmd.add(page.toUri().toString());
    run(cmd, work, "shot");
    return png;
  }

  private static List<String> base(Path work) throws IOException {
    Path profile = Files.createTempDirectory(work, "chromium-profile-");
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY.toString());
    cmd.add("--headless");
    cmd.add("--no-sandbox");
    cmd.add("--disable-gpu");
    cmd.add("--disable-quic");
    cmd.add("--no-first-run");
    cmd.add("--disable-background-networking");
    cmd.add("--disable-component-update");
    cmd.add("--disable-sync");
    cmd.add("--disable-dev-shm-usage");
    cmd.add("--user-data-dir=" + profile.toAbsolutePath());
    cmd.add("--virtual-time-budget=5000");
    cmd.add("--run-all-compositor-stages-before-draw");
    return cmd;
  }

  private static String run(List<String> cmd, Path work, String name) throws IOException, InterruptedException {
    Path stdout = work.resolve(name + ".out");
    Path stderr = work.resolve(name + ".err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IOException("chromium did not finish in 90 s: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "chromium exited " + p.exitValue() + ": " + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
