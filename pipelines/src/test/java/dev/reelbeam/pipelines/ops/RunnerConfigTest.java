package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.pipelines.ReelBeamOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigTest {

  /** runner-configs/ of this checkout (tests run in pipelines/). */
  static final Path PRESETS = Path.of("..", "runner-configs").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void withoutPresetTheArgumentsAreUnchanged() {
    String[] args = {"--input=a", "--output=b"};
    assertSame(args, RunnerConfig.merge(args));
  }

  @Test
  void commandLineFlagsWinOverThePreset() throws Exception {
    Path preset = tmp.resolve("p.properties");
    Files.writeString(preset, "# a preset\nrunner=FlinkRunner\n--flinkMaster=10.0.0.1:8081\nworkers = 4\nmonitor=true\n");
    String[] merged =
        RunnerConfig.merge(new String[] {"--runnerConfig=" + preset, "--workers=2", "--monitor=false"});
    // Preset flags first (in file order), only those the command line does not give, then the arguments.
    assertArrayEquals(
        new String[] {
          "--runner=FlinkRunner", "--flinkMaster=10.0.0.1:8081", "--runnerConfig=" + preset, "--workers=2",
          "--monitor=false"
        },
        merged);
    ReelBeamOptions o = PipelineOptionsFactory.fromArgs(merged).as(ReelBeamOptions.class);
    assertEquals(FlinkRunner.class, o.getRunner());
    assertEquals(2, o.getWorkers());
    assertEquals(false, o.getMonitor());
    assertEquals("10.0.0.1:8081", o.as(FlinkPipelineOptions.class).getFlinkMaster());
  }

  @Test
  void aBareBooleanFlagCountsAsGiven() throws Exception {
    Path preset = tmp.resolve("p.properties");
    Files.writeString(preset, "resume=false\n");
    String[] merged = RunnerConfig.merge(new String[] {"--resume", "--runnerConfig=" + preset});
    assertArrayEquals(new String[] {"--resume", "--runnerConfig=" + preset}, merged);
  }

  @Test
  void theShippedPresetsParse() {
    for (String name : new String[] {"direct", "flink-local", "flink-cluster"}) {
      Path file = PRESETS.resolve(name + ".properties");
      assertTrue(Files.isRegularFile(file), file.toString());
      ReelBeamOptions o =
          PipelineOptionsFactory.fromArgs(RunnerConfig.merge(new String[] {"--runnerConfig=" + file}))
              .withValidation()
              .as(ReelBeamOptions.class);
      assertEquals(file.toString(), o.getRunnerConfig());
      String master = o.as(FlinkPipelineOptions.class).getFlinkMaster();
      switch (name) {
        case "direct" -> assertEquals("DirectRunner", o.getRunner().getSimpleName());
        case "flink-local" -> assertEquals("[local]", master);
        default -> assertEquals("127.0.0.1:8081", master);
      }
    }
    // On the command line, the cluster preset's master gives way.
    String[] merged = RunnerConfig.merge(new String[] {
      "--runnerConfig=" + PRESETS.resolve("flink-cluster.properties"), "--flinkMaster=jm.example:8081"});
    assertEquals("jm.example:8081",
        PipelineOptionsFactory.fromArgs(merged).as(ReelBeamOptions.class).as(FlinkPipelineOptions.class)
            .getFlinkMaster());
  }

  @Test
  void aMissingPresetIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> RunnerConfig.merge(new String[] {"--runnerConfig=" + tmp.resolve("nope.properties")}));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
