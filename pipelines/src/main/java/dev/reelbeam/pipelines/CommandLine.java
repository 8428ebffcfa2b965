package dev.reelbeam.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Parses a command's flags in Beam's style into {@link ReelBeamOptions} (every Beam option passes
 * through), after merging a {@code --runnerConfig} preset under the flags given on the command
 * line. A bad flag becomes a {@link BadArguments} with a one-line reason.
 */
public final class CommandLine {

  /** The arguments cannot start a run; the message is the one-line reason. */
  public static final class BadArguments extends Exception {
    public BadArguments(String message) {
      super(message);
    }
  }

  private CommandLine() {}

  /** Whether the user asked for help. */
  public static boolean wantsHelp(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.startsWith("--help="));
  }

  /** Prints the usage line and summary of a command whose flags are its own (not pipeline options). */
  public static void printUsage(PrintStream out, String command, String summary) {
    out.println("Usage: java -jar reelbeam.jar " + command + " [--flag=value ...]");
    out.println(summary);
  }

  /** Prints a command's usage and every flag with its description and default. */
  public static void printHelp(PrintStream out, String command, String summary, Class<? extends PipelineOptions> options) {
    out.println("Usage: java -jar reelbeam.jar " + command + " [--flag=value ...]");
    out.println();
    out.println(summary);
    out.println();
    PipelineOptionsFactory.printHelp(out, options);
  }

  /** Parses {@code args} into options of {@code type}; runner presets merge under the flags. */
  public static <T extends PipelineOptions> T parse(String[] args, Class<T> type) throws BadArguments {
    PipelineOptionsFactory.register(type);
    String[] merged = mergeRunnerConfig(args);
    try {
      return PipelineOptionsFactory.fromArgs(merged).withValidation().as(type);
    } catch (IllegalArgumentException | IllegalStateException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new BadArguments(msg.lines().findFirst().orElse(msg));
    }
  }

  /**
   * A {@code --runnerConfig=FILE} properties file (key = flag name without dashes) supplies flags
   * that the command line does not give; the command line wins.
   */
  static String[] mergeRunnerConfig(String[] args) throws BadArguments {
    Map<String, String> given = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    String preset = null;
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        String key = a.substring(2, a.indexOf('='));
        if (key.equals("runnerConfig")) {
          preset = a.substring(a.indexOf('=') + 1);
        }
        given.putIfAbsent(key, a);
      }
      others.add(a);
    }
    if (preset == null) {
      return args;
    }
    Path file = Paths.get(preset);
    if (!Files.isRegularFile(file)) {
      throw new BadArguments("runner preset not found: " + preset);
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new BadArguments("cannot read runner preset " + preset + ": " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
      String k = key.startsWith("--") ? key.substring(2) : key;
      if (!given.containsKey(k) && !Arrays.asList(args).contains("--" + k)) {
        out.add("--" + k + "=" + props.getProperty(key).trim());
      }
    }
    out.addAll(others);
    return out.toArray(new String[0]);
  }
}
