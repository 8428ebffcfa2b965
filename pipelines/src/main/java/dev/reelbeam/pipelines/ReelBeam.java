package dev.reelbeam.pipelines;

import dev.reelbeam.pipelines.evaluate.EvaluateCommand;
import dev.reelbeam.pipelines.launch.NativeWarmUp;
import dev.reelbeam.pipelines.launch.ParentWatch;
import dev.reelbeam.pipelines.launch.ProcessFigures;
import dev.reelbeam.pipelines.ops.MonitorCommand;
import dev.reelbeam.pipelines.ops.RunnerConfig;
import dev.reelbeam.pipelines.rag.EmbeddingBenchCommand;
import dev.reelbeam.pipelines.rag.QueryCommand;
import dev.reelbeam.pipelines.rag.Stage3BenchCommand;
import dev.reelbeam.pipelines.rag.Stage3Command;
import dev.reelbeam.pipelines.report.ReportCommand;
import dev.reelbeam.transforms.embed.Embedder;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar reelbeam.jar <command> [--flag=value ...]}, once the jar's
 * {@link dev.reelbeam.pipelines.launch.Launcher} has started this JVM. To add a command, add one
 * line to {@link #COMMANDS}.
 */
public final class ReelBeam {

  /** Every command, in the order the command list shows them. */
  static final List<Command> COMMANDS =
      List.of(
          new PipelineCommand(Stage.RUN),
          new PipelineCommand(Stage.STAGE1),
          new PipelineCommand(Stage.STAGE2),
          new Stage3Command(),
          new QueryCommand(),
          new ReportCommand(),
          new MonitorCommand(),
          new BenchCommand(),
          new EvaluateCommand(),
          new EmbeddingBenchCommand(),
          new Stage3BenchCommand());

  private ReelBeam() {}

  public static void main(String[] args) {
    ParentWatch.start();
    NativeWarmUp.startFor(args);
    int status = run(args);
    ProcessFigures.reportIfAsked("reelbeam");
    if (args.length > 0 && MODEL_LOADING_COMMANDS.contains(args[0])) {
      // A run that failed early may still be loading the model ahead: ONNX Runtime's own shutdown
      // hook would crash the JVM under that load (Embedder.awaitLoads).
      Embedder.awaitLoads(MODEL_LOAD_EXIT_WAIT_MILLIS);
    }
    System.exit(status);
  }

  /** Commands that may load the embedding model ahead on a thread of their own. */
  private static final Set<String> MODEL_LOADING_COMMANDS = Set.of("run", "stage3");

  /** How long the exit waits for such a load: it takes a few seconds of one core. */
  private static final long MODEL_LOAD_EXIT_WAIT_MILLIS = 60_000;

  /** Runs a command line; returns the exit status. */
  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      usage(args.length == 0 ? System.err : System.out);
      return args.length == 0 ? Command.CANNOT_START : Command.OK;
    }
    Optional<Command> command = find(args[0]);
    if (command.isEmpty()) {
      System.err.println("reelbeam: unknown command '" + args[0] + "' (try --help)");
      return Command.CANNOT_START;
    }
    String[] rest;
    try {
      // A runner preset (--runnerConfig) goes under the flags given on the command line.
      rest = RunnerConfig.merge(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println("reelbeam " + args[0] + ": " + e.getMessage());
      return Command.CANNOT_START;
    }
    try {
      return command.get().run(rest);
    } catch (Exception e) {
      System.err.println("reelbeam " + args[0] + ": " + e);
      return Command.SOME_FAILED;
    }
  }

  static Optional<Command> find(String name) {
    return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  static void usage(PrintStream out) {
    out.println("Usage: java -jar reelbeam.jar <command> [--flag=value ...]");
    out.println();
    out.println("Commands:");
    for (Command c : COMMANDS) {
      out.printf("  %-8s %s%n", c.name(), c.summary());
    }
    out.println();
    out.println("'<command> --help' lists every flag. Beam's own flags (--runner, --flinkMaster, ...) pass through.");
    out.println("Exit status: 0 all inputs done, 1 some inputs failed (see errors/), 2 cannot start.");
  }
}
