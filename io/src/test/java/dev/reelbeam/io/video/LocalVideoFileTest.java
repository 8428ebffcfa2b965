package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.files.Locations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local side of LocalVideoFile and Locations; HdfsInputTest (pipelines) covers a real HDFS. */
class LocalVideoFileTest {

  @Test
  void aLocalPathIsUsedAsItIs(@TempDir Path tmp) throws Exception {
    Path clip = Files.write(tmp.resolve("a.mp4"), new byte[] {1, 2, 3});
    try (LocalVideoFile f = LocalVideoFile.open(clip.toString())) {
      assertEquals(clip.toString(), f.path(clip.toString()));
    }
    assertTrue(Files.exists(clip), "a local file is never removed");
    assertEquals(Fingerprint.of(clip), Fingerprint.of(clip.toString()));
  }

  @Test
  void aFilesystemNoOneRegisteredIsAReadableError() {
    MediaException e = assertThrows(MediaException.class, () -> LocalVideoFile.open("nosuchfs://host/films/a.mp4"));
    assertTrue(e.getMessage().startsWith("Cannot read video nosuchfs://host/films/a.mp4: "), e.getMessage());
  }

  @Test
  void remoteMeansAnotherFilesystemThanThisMachines() {
    assertTrue(Locations.isRemote("hdfs://nn:8020/films/a.mp4"));
    assertTrue(Locations.isRemote("s3://bucket/a.mp4"));
    assertTrue(Locations.isRemote("gs://bucket/a.mp4"));
    assertFalse(Locations.isRemote("file:///films/a.mp4"));
    assertFalse(Locations.isRemote("/films/a.mp4"));
    assertFalse(Locations.isRemote("films/a:b.mp4"));
  }
}
