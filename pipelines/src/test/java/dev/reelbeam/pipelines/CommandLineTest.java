package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit status 2 (cannot start) with a one-line reason, help, the command list, runner presets. */
class CommandLineTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertCannotStart(String expectedReason, String... args) {
    err.reset();
    assertEquals(Command.CANNOT_START, ReelBeam.run(args), stderr());
    String text = stderr().strip();
    assertEquals(1, text.lines().count(), "one line: " + text);
    assertTrue(text.contains(expectedReason), text);
  }

  @Test
  void cannotStartWithOneLineReasons() throws Exception {
    Path videos = Files.createDirectories(tmp.resolve("videos"));
    Path out = tmp.resolve("out").toAbsolutePath();
    assertCannotStart("--input is required", "run", "--output=" + out);
    assertCannotStart("input directory does not exist", "run", "--input=" + tmp.resolve("nope"), "--output=" + out);
    assertCannotStart("input directory does not exist", "stage1", "--input=" + tmp.resolve("nope") + "/*.mp4", "--output=" + out);
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertCannotStart("cannot write to output directory", "run", "--input=" + videos, "--output=" + file.resolve("out"));
    assertCannotStart("bogus", "run", "--input=" + videos, "--output=" + out, "--bogus=1");
    assertCannotStart("--frames must be", "run", "--input=" + videos, "--output=" + out, "--frames=every");
    assertCannotStart("--workers must be", "run", "--input=" + videos, "--output=" + out, "--workers=-1");
    assertCannotStart("--interval must be", "stage1", "--input=" + videos, "--output=" + out, "--frames=interval", "--interval=0");
    assertCannotStart("\"abc\"", "stage2", "--input=" + videos, "--output=" + out, "--threshold=abc");
    assertCannotStart("--detector must be content, adaptive, hash, histogram or threshold", "run", "--input=" + videos, "--output=" + out, "--detector=fade");
    assertCannotStart("--hashThreshold must be 0-1", "run", "--input=" + videos, "--output=" + out, "--hashThreshold=2");
    assertCannotStart("--windowWidth must be", "run", "--input=" + videos, "--output=" + out, "--windowWidth=0");
    assertCannotStart("unknown command", "frobnicate");
    assertCannotStart("none.properties: no such file", "run", "--input=" + videos, "--runnerConfig=" + tmp.resolve("none.properties"));
    assertCannotStart("--filmFile is not a file", "bench", "--filmFile=" + tmp.resolve("none.mp4"), "--cacheDir=" + tmp.resolve("cache"));
    assertCannotStart("shared media not found", "bench", "--shared=" + tmp.resolve("nowhere"), "--cacheDir=" + tmp.resolve("cache"));
    Path shared = Files.createDirectories(tmp.resolve("shared/media")).getParent();
    assertCannotStart("unknown run", "bench", "--shared=" + shared, "--runs=w3", "--cacheDir=" + tmp.resolve("cache"));
    assertCannotStart("--codec must be auto or a comma-separated list of x264, x264-veryfast, h264, mpeg4", "bench", "--shared=" + shared, "--codec=vp9", "--cacheDir=" + tmp.resolve("cache"));
  }

  @Test
  void helpOnEveryCommandAndACommandList() {
    assertEquals(Command.OK, ReelBeam.run(new String[] {"--help"}));
    String list = out.toString(StandardCharsets.UTF_8);
    for (Command c : ReelBeam.COMMANDS) {
      assertTrue(list.contains(c.name()), list);
      out.reset();
      assertEquals(Command.OK, ReelBeam.run(new String[] {c.name(), "--help"}), c.name());
      String help = out.toString(StandardCharsets.UTF_8);
      // Commands that keep their own PrintStream (made before this test captured System.out)
      // print their usage there; the pipeline commands print through System.out.
      if (c instanceof PipelineCommand) {
        assertTrue(help.contains("Usage: java -jar reelbeam.jar " + c.name()), help);
      }
    }
    out.reset();
    ReelBeam.run(new String[] {"run", "--help"});
    String help = out.toString(StandardCharsets.UTF_8);
    for (String flag : new String[] {"--input", "--output", "--workers", "--resume", "--frames", "--interval", "--threshold", "--minSceneLen", "--film", "--runner"}) {
      assertTrue(help.contains(flag), flag + " missing from help");
    }
    assertEquals(Command.CANNOT_START, ReelBeam.run(new String[0]));
  }

  @Test
  void emptyInputDirectoryIsACompleteRunWithAnEmptyIndex() throws Exception {
    Path videos = Files.createDirectories(tmp.resolve("empty"));
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("frames"));
    Path stale = Files.writeString(out.resolve("frames/.tmp-1234-x.jpg"), "partial");
    assertEquals(Command.OK, ReelBeam.run(new String[] {"stage2", "--input=" + videos, "--output=" + out, "--workers=1"}), stderr());
    String index = Files.readString(out.resolve("dataset_index.json"));
    assertTrue(index.contains("\"total_videos\" : 0"), index);
    assertTrue(index.contains("\"stage\" : \"stage2\""), index);
    assertTrue(!Files.exists(stale), "stale temporary file removed at start");
  }

  @Test
  void runnerPresetMergesUnderTheCommandLine() throws Exception {
    Path preset = Files.writeString(tmp.resolve("p.properties"), "runner=DirectRunner\nworkers=3\n");
    String[] merged = CommandLine.mergeRunnerConfig(
        new String[] {"--runnerConfig=" + preset, "--workers=1", "--input=x"});
    assertArrayEquals(
        new String[] {"--runner=DirectRunner", "--runnerConfig=" + preset, "--workers=1", "--input=x"}, merged);
    ReelBeamOptions o = CommandLine.parse(new String[] {"--runnerConfig=" + preset, "--input=x"}, ReelBeamOptions.class);
    assertEquals(3, o.getWorkers());
  }
}
