package dev.reelbeam.transforms.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that exits while the shared model is still loading ahead ({@link Embedder#preload}) ends
 * with its own status when it calls {@link Embedder#awaitLoads} first, as the CLI does: ONNX
 * Runtime's shutdown hook crashes the process (SIGSEGV, status 134) when it runs during a
 * session's creation, which turned a failed {@code run} (a full disk) into a JVM crash. Each child
 * exits at another moment of the load (the tokenizer, the graph's copy, the session), since where
 * the load stands at the exit is a matter of timing; without the wait, children crash.
 */
class EmbedderExitTest {

  static final int STATUS = 3;

  @TempDir Path tmp;

  @Test
  void exitDuringTheLoadAheadKeepsTheJobsStatus() throws Exception {
    for (int delayMs : List.of(0, 150, 300, 450, 600, 800)) {
      Path console = tmp.resolve("exit-" + delayMs + ".txt");
      Process p = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              "-Dreelbeam.modelCache=" + tmp.resolve("models"),
              ExitDuringLoad.class.getName(), Integer.toString(delayMs))
          .redirectErrorStream(true).redirectOutput(console.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not end");
      assertEquals(STATUS, p.exitValue(), "exit " + delayMs + " ms into the load:\n" + Files.readString(console));
    }
  }

  /** Starts the shared load ahead, waits {@code args[0]} ms, exits with {@link #STATUS} as the CLI does. */
  public static final class ExitDuringLoad {
    public static void main(String[] args) throws Exception {
      Embedder.preload(EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 1);
      Thread.sleep(Long.parseLong(args[0]));
      Embedder.awaitLoads(60_000);
      System.exit(STATUS);
    }
  }
}
