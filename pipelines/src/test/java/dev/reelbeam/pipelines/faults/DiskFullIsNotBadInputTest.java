package dev.reelbeam.pipelines.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.scenes.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/**
 * Without root (no tmpfs) the disk-full path still holds: a write that fails with ENOSPC, however
 * deeply wrapped, stops the job instead of becoming a dead-letter record that brands the video bad.
 */
class DiskFullIsNotBadInputTest {

  @Test
  void noSpaceStopsTheJobWhateverWrapsIt() {
    IOException enospc = new FileSystemException("/out/frames/x/.tmp-1-a.jpg: No space left on device");
    for (Throwable e : new Throwable[] {enospc, new UncheckedIOException(enospc),
        new RuntimeException("keyframes", new IOException("write failed", enospc))}) {
      UncheckedIOException thrown =
          assertThrows(UncheckedIOException.class, () -> Errors.of("/in/a.mp4", "a_1", "frames", e));
      assertTrue(thrown.getMessage().startsWith("No space left on device"), thrown.getMessage());
      assertTrue(thrown.getMessage().contains("--resume"), thrown.getMessage());
    }
  }

  @Test
  void otherFailuresStayDeadLetterRecords() {
    ErrorRecord r = Errors.of("/in/a.mp4", "a_1", "frames", new IOException("Permission denied"));
    assertEquals("/in/a.mp4", r.input());
    assertTrue(r.message().contains("Permission denied"), r.message());
  }
}
