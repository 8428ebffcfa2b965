package dev.reelbeam.pipelines.rag;

import dev.reelbeam.pipelines.Command;
import dev.reelbeam.pipelines.CommandLine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench-stage3}: the cost of {@code stage3} as a user sees it, whole processes timed from
 * outside: a first run over a generated collection the size of a film's side documents, an
 * unchanged rerun, and a rerun after one document changed. Prints wall-clock and CPU seconds of
 * each process and the ratios the incremental design promises (an unchanged rerun within 10% of
 * the first run or 10 s, a one-document change within 15%).
 *
 * <pre>
 * bench-stage3 --shared=../shared --workDir=target/bench-stage3 [--documents=1398]
 *              [--embeddingModel=all-minilm-l6-v2] [--workers=0] [--rounds=1]
 * </pre>
 */
public final class Stage3BenchCommand implements Command {
  private final PrintStream out;

  public Stage3BenchCommand() {
    this(System.out);
  }

  public Stage3BenchCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "bench-stage3";
  }

  @Override
  public String summary() {
    return "stage3 as whole processes: first run, unchanged rerun, one document changed";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandLine.wantsHelp(args)) {
      CommandLine.printUsage(out, name(), summary());
      return OK;
    }
    Map<String, String> flags = EmbeddingBenchCommand.flags(name(), args);
    if (flags == null) {
      return CANNOT_START;
    }
    Path shared = Path.of(flags.getOrDefault("shared", "../shared")).toAbsolutePath().normalize();
    if (!Files.isDirectory(shared.resolve("text"))) {
      System.err.println("bench-stage3: no text/ under " + shared + " (--shared=DIR)");
      return CANNOT_START;
    }
    Path work = Path.of(flags.getOrDefault("workDir", "target/bench-stage3")).toAbsolutePath();
    int documents = Integer.parseInt(flags.getOrDefault("documents", "1398"));
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "1"));
    Path docs = work.resolve("docs");
    Path output = work.resolve("out");
    List<String> stage3 = new ArrayList<>(List.of("--docs=" + docs, "--output=" + output));
    for (String passed : List.of("embeddingModel", "workers", "embedBatchSize")) {
      if (flags.containsKey(passed)) {
        stage3.add("--" + passed + "=" + flags.get(passed));
      }
    }
    for (int r = 1; r <= rounds; r++) {
      List<Path> files = BenchCollection.write(shared, docs, documents);
      deleteTree(output);
      Run first = stage3(stage3);
      Run unchanged = stage3(stage3);
      Path changed = files.get(files.size() / 2);
      String before = Files.readString(changed, StandardCharsets.UTF_8);
      Files.writeString(changed, before + "A line added by the benchmark, round " + r + ".\n",
          StandardCharsets.UTF_8);
      Run oneChanged;
      try {
        oneChanged = stage3(stage3);
      } finally {
        Files.writeString(changed, before, StandardCharsets.UTF_8);
      }
      out.printf("round %d, %d documents:%n", r, documents);
      out.println("  first run:           " + first);
      out.println("  unchanged rerun:     " + unchanged);
      out.println("  one document changed: " + oneChanged);
      double limit = Math.max(first.wall * 0.10, 10);
      out.printf("  unchanged rerun %.1f s, limit max(10%% of first, 10 s) = %.1f s: %s"
          + " (CPU: %.2f x the first run's)%n", unchanged.wall, limit,
          unchanged.wall <= limit ? "within" : "OVER", unchanged.cpu / first.cpu);
      out.printf("  one changed %.1f s = %.2f x first (limit 1.15): %s (CPU: %.2f x)%n", oneChanged.wall,
          oneChanged.wall / first.wall, oneChanged.wall <= first.wall * 1.15 ? "within" : "OVER",
          oneChanged.cpu / first.cpu);
    }
    return OK;
  }

  /** One {@code stage3} process: its wall clock, its CPU time and the lines it printed. */
  record Run(double wall, double cpu, int exit, String said) {
    @Override
    public String toString() {
      return String.format("%.1f s wall, %.1f s CPU, exit %d: %s", wall, cpu, exit, said);
    }
  }

  private Run stage3(List<String> flags) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.reelbeam.pipelines.ReelBeam");
    cmd.add("stage3");
    cmd.addAll(flags);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    // The child's CPU time can be read only while it lives: sample it until it exits.
    Duration cpu = Duration.ZERO;
    StringBuilder said = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith("Knowledge base:") || line.startsWith("Unchanged") || line.startsWith("Embedded")) {
            said.append(said.length() > 0 ? " " : "").append(line.strip());
          }
        }
      } catch (java.io.IOException e) {
        said.append("(output unreadable: ").append(e.getMessage()).append(')');
      }
    });
    reader.start();
    while (p.isAlive()) {
      cpu = p.info().totalCpuDuration().orElse(cpu);
      Thread.sleep(50);
    }
    int exit = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    reader.join();
    return new Run(wall, cpu.toMillis() / 1e3, exit, said.toString());
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
