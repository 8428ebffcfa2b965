package dev.reelbeam.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.pipelines.Command;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ReportCommand command =
      new ReportCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void writesTheReport(@TempDir Path dir) throws Exception {
    new OutputFixture(dir).video("v_1", 25, 100, 320, 240, new long[] {50}, false, false, false).finish();
    assertEquals(Command.OK, command.run(new String[] {"--output=" + dir}));
    assertTrue(Files.isRegularFile(dir.resolve("report.html")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("report.html"));
    assertEquals("report", command.name());
  }

  @Test
  void helpAndBadFlags(@TempDir Path dir) {
    assertEquals(Command.OK, command.run(new String[] {"--help"}));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--output=DIR"));
    assertEquals(Command.CANNOT_START, command.run(new String[] {}));
    assertEquals(Command.CANNOT_START, command.run(new String[] {"--output=" + dir.resolve("missing")}));
    assertEquals(Command.CANNOT_START, command.run(new String[] {"--output=" + dir, "--bogus=1"}));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("--output=DIR is required"), e);
    assertTrue(e.contains("does not exist"), e);
    assertTrue(e.contains("unknown argument --bogus=1"), e);
  }
}
