package dev.reelbeam.pipelines.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runner presets: {@code --runnerConfig=FILE} names a properties file of flags ({@code
 * runner=FlinkRunner}, {@code flinkMaster=127.0.0.1:8081}, ...) that go under the flags given on
 * the command line: a flag on the command line always wins over the same flag in the file.
 *
 * <p>FILE is a path, or a preset name ({@code direct}, {@code flink-local}, {@code flink-cluster})
 * looked up as {@code runner-configs/<name>.properties} under the working directory.
 *
 * <p>The CLI calls {@link #merge} on the arguments before Beam parses them.
 */
public final class RunnerConfig {

  /** The flag naming the preset file. */
  public static final String FLAG = "runnerConfig";

  /** Where preset names are looked up, relative to the working directory. */
  public static final String PRESET_DIR = "runner-configs";

  private RunnerConfig() {}

  /**
   * Returns {@code args} with the preset's flags added in front for every flag the arguments do not
   * already give. Without {@code --runnerConfig}, returns {@code args} unchanged.
   *
   * @throws IllegalArgumentException when the preset file does not exist or cannot be read
   */
  public static String[] merge(String[] args) {
    String file = flagValue(args, FLAG);
    if (file == null) {
      return args;
    }
    Map<String, String> preset = load(resolve(file));
    List<String> merged = new ArrayList<>();
    for (Map.Entry<String, String> e : preset.entrySet()) {
      if (!givesFlag(args, e.getKey())) {
        merged.add("--" + e.getKey() + "=" + e.getValue());
      }
    }
    merged.addAll(List.of(args));
    return merged.toArray(String[]::new);
  }

  /** The preset file for {@code value}: an existing path, else a preset name under runner-configs/. */
  static Path resolve(String value) {
    Path path = Path.of(value);
    if (Files.isRegularFile(path)) {
      return path;
    }
    Path preset = Path.of(PRESET_DIR, value.endsWith(".properties") ? value : value + ".properties");
    if (!value.contains("/") && Files.isRegularFile(preset)) {
      return preset;
    }
    throw new IllegalArgumentException(
        "--runnerConfig=" + value + ": no such file (give a path, or one of direct, flink-local,"
            + " flink-cluster when running from the project folder)");
  }

  /** The flags of a preset file, in file order; keys may be written with or without "--". */
  static Map<String, String> load(Path file) {
    Map<String, String> flags = new LinkedHashMap<>();
    Properties ordered =
        new Properties() {
          @Override
          public synchronized Object put(Object key, Object value) {
            String name = key.toString().strip();
            if (name.startsWith("--")) {
              name = name.substring(2);
            }
            if (name.equals(FLAG)) {
              throw new IllegalArgumentException(file + ": a preset cannot name another preset");
            }
            flags.put(name, value.toString().strip());
            return super.put(key, value);
          }
        };
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      ordered.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("--runnerConfig=" + file + ": cannot read it: " + e, e);
    }
    return flags;
  }

  /** Whether {@code args} give {@code --name}, as {@code --name=value} or a bare boolean {@code --name}. */
  static boolean givesFlag(String[] args, String name) {
    String bare = "--" + name;
    for (String arg : args) {
      if (arg.equals(bare) || arg.startsWith(bare + "=")) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code --name=value} in {@code args}, or null; the last one wins, as in Beam. */
  static String flagValue(String[] args, String name) {
    String prefix = "--" + name + "=";
    String value = null;
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        value = arg.substring(prefix.length());
      }
    }
    return value;
  }
}
