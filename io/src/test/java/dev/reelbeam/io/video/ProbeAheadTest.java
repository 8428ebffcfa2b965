package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.natives.NativeLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe started ahead gives the step its own probe's result, and only for the same unchanged file. */
class ProbeAheadTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void natives() {
    NativeLibraries.load();
  }

  private Path copy(String name) throws Exception {
    return Files.copy(Path.of(TestMedia.clip("pyscenedetect/counter.mp4")), tmp.resolve(name));
  }

  @Test
  void givesWhatTheProbeGivesOnceAndForThatPathOnly() throws Exception {
    String path = copy("a.mp4").toString();
    ProbeAhead.start(path);
    assertEquals(Optional.empty(), ProbeAhead.take(tmp.resolve("b.mp4").toString()));
    Optional<VideoInfo> ahead = ProbeAhead.take(path);
    assertEquals(Optional.of(VideoProbe.probe(path)), ahead);
    assertEquals(Optional.empty(), ProbeAhead.take(path));
  }

  @Test
  void aFileChangedSinceIsProbedAgain() throws Exception {
    Path file = copy("c.mp4");
    ProbeAhead.start(file.toString());
    ProbeAhead.awaitPending();
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 60_000));
    assertEquals(Optional.empty(), ProbeAhead.take(file.toString()));
  }

  @Test
  void aSidecarAddedSinceIsProbedAgain() throws Exception {
    Path file = copy("d.mp4");
    ProbeAhead.start(file.toString());
    ProbeAhead.awaitPending();
    Files.writeString(tmp.resolve("d.en.srt"), "1\n00:00:00,000 --> 00:00:01,000\nhello\n");
    assertEquals(Optional.empty(), ProbeAhead.take(file.toString()));
  }

  @Test
  void aFailedProbeIsLeftToTheStepsOwn() throws Exception {
    Path junk = Files.write(tmp.resolve("junk.mp4"), new byte[] {1, 2, 3, 4});
    ProbeAhead.start(junk.toString());
    assertEquals(Optional.empty(), ProbeAhead.take(junk.toString()));
    ProbeAhead.start(tmp.toString()); // a folder: nothing is started
    assertTrue(ProbeAhead.take(tmp.toString()).isEmpty());
  }
}
