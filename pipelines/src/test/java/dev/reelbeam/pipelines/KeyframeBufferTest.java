package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyframe buffer a decoder gets: the flag, or on the Direct runner a share of 768 MB, or 512 MB. */
class KeyframeBufferTest {
  private static final long GB = 1L << 30;

  @TempDir Path tmp;

  private ReelBeamOptions options(String... extra) throws Exception {
    String[] base = {"--input=" + tmp, "--output=" + tmp.resolve("out")};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CommandLine.parse(args, ReelBeamOptions.class);
  }

  @Test
  void theWorkersShareAFixedTotalWithinTheMachine() throws Exception {
    ReelBeamOptions o = options();
    assertNull(o.getKeyframeBufferMb());
    assertEquals(768, ReelBeamPipeline.keyframeBufferMb(o, 1, 24 * GB));
    assertEquals(768, ReelBeamPipeline.keyframeBufferMb(o, 1, 64 * GB));
    assertEquals(384, ReelBeamPipeline.keyframeBufferMb(o, 2, 24 * GB));
    assertEquals(512, ReelBeamPipeline.keyframeBufferMb(o, 1, 4 * GB), "an eighth of a small machine");
    assertEquals(256, ReelBeamPipeline.keyframeBufferMb(o, 2, 4 * GB), "at least 256 MB a decoder");
    assertEquals(256, ReelBeamPipeline.keyframeBufferMb(o, 8, 64 * GB));
    assertEquals(768, ReelBeamPipeline.keyframeBufferMb(o, 1, 0), "memory unknown");
  }

  @Test
  void theRunsSetupResolvesItOnceForTheGraphAndTheMetadata() throws Exception {
    assertEquals(100, RunSetup.prepare(options("--keyframeBufferMb=100", "--workers=2")).keyframeBufferMb());
    ReelBeamOptions o = options("--workers=2");
    assertEquals(ReelBeamPipeline.keyframeBufferMb(o, 2, ReelBeamPipeline.physicalMemoryBytes()),
        RunSetup.prepare(o).keyframeBufferMb());
  }

  @Test
  void theFlagWinsAndOtherRunnersGetAFixedBuffer() throws Exception {
    assertEquals(0, ReelBeamPipeline.keyframeBufferMb(options("--keyframeBufferMb=0"), 1, 24 * GB));
    assertEquals(100, ReelBeamPipeline.keyframeBufferMb(options("--keyframeBufferMb=100"), 1, 24 * GB));
    assertEquals(512, ReelBeamPipeline.keyframeBufferMb(
        options("--runner=FlinkRunner"), 1, 24 * GB));
  }
}
