package dev.reelbeam.pipelines.ops;

import dev.reelbeam.io.files.OutputStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the launcher keeps the files it writes while the job runs (the run log, the resource CSV):
 * the output folder itself when it is local; for an output on another filesystem (HDFS, object
 * storage, which offer no appending to a file that is being read) a local folder whose files are
 * copied to the output, each atomically, when the job ends, and then removed.
 */
final class LauncherFiles {
  private final OutputStore store;
  private final Path localDir;

  private LauncherFiles(OutputStore store, Path localDir) {
    this.store = store;
    this.localDir = localDir;
  }

  static LauncherFiles of(String output) {
    OutputStore store = OutputStore.at(output);
    if (store.isLocal()) {
      return new LauncherFiles(store, Path.of(output).toAbsolutePath());
    }
    String key = HexFormat.of().formatHex(output.getBytes(StandardCharsets.UTF_8));
    key = key.length() > 40 ? key.substring(0, 40) + Integer.toHexString(output.hashCode()) : key;
    return new LauncherFiles(store, Path.of(System.getProperty("java.io.tmpdir"), "reelbeam-launcher-" + key));
  }

  OutputStore store() {
    return store;
  }

  /** The local folder the launcher's files go to while the job runs. */
  Path localDir() {
    return localDir;
  }

  /** Copies the launcher's files to a remote output (nothing to do for a local one). */
  void publish(PrintStream console) {
    if (store.isLocal() || !Files.isDirectory(localDir)) {
      return;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(localDir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
      for (Path f : files) {
        String rel = localDir.relativize(f).toString().replace('\\', '/');
        store.write(rel, out -> Files.copy(f, out));
        Files.delete(f);
      }
      console.println("  the run's log and resource samples copied to " + store.location("logs") + ", "
          + store.location("monitoring"));
    } catch (IOException | RuntimeException e) {
      console.println("reelbeam: the run log stays in " + localDir + ": copying it to " + store.root()
          + " failed: " + e.getMessage());
    }
  }
}
