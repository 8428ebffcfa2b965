package dev.reelbeam.transforms;

import dev.reelbeam.transforms.coders.VideoInfoCoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.audio.AudioInfo;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.scenes.Media;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The five transforms in real Direct-runner pipelines on short clips and bad inputs. */
class TransformsPipelineTest {
  @RegisterExtension final transient TestPipelineExtension ext = TestPipelineExtension.create();
  @TempDir static Path tmp;

  private static final String VFR = Media.clip("pyscenedetect/goldeneye-vfr-drop3.mp4");
  private static final String ROTATED = Media.clip("pyscenedetect/issue-134-rotate.mp4");

  private static String textNamedMkv() throws Exception {
    Path p = tmp.resolve("notes.mkv");
    Files.writeString(p, "not a film\n".repeat(100));
    return p.toString();
  }

  @Test
  void probeVideosSplitsGoodAndBad(TestPipeline p) throws Exception {
    String bad = textNamedMkv();
    String dir = Files.createDirectories(tmp.resolve("x.avi")).toString();
    ProbeVideos.Result r = p.apply(Create.of(List.of(VFR, bad, dir))).apply(ProbeVideos.create());
    PAssert.that(r.videos()).satisfies(vs -> {
      List<VideoInfo> all = new ArrayList<>();
      vs.forEach(all::add);
      assertEquals(1, all.size());
      assertEquals(VFR, all.get(0).path());
      assertEquals(3, all.get(0).keyframeTimes().size());
      return null;
    });
    PAssert.that(r.errors()).satisfies(es -> {
      List<ErrorRecord> all = new ArrayList<>();
      es.forEach(all::add);
      assertEquals(2, all.size());
      for (ErrorRecord e : all) {
        assertEquals("probe", e.stage());
        assertTrue(e.message().contains(e.input()), e.message());
        assertTrue(e.exceptionClass().endsWith("MediaException"));
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void decodeInSegmentsThenDetect(TestPipeline p) throws Exception {
    PCollection<VideoInfo> videos =
        p.apply(Create.of(List.of(VFR, ROTATED))).apply(ProbeVideos.create()).videos();
    VideoToFrames.Result decoded =
        videos.apply(VideoToFrames.create().withSegmentSeconds(2.0).withDecoderThreads(1));
    PAssert.that(decoded.signals()).satisfies(kvs -> {
      int segments = 0;
      long frames = 0;
      for (KV<String, SegmentSignals> kv : kvs) {
        segments++;
        frames += kv.getValue().frameCount();
        assertEquals(kv.getKey(), kv.getValue().video().videoId());
      }
      assertTrue(segments >= 4, "segments: " + segments);
      assertEquals(160 + 240, frames);
      return null;
    });
    PAssert.that(decoded.errors()).empty();
    FramesToScenes.Result scenes =
        decoded.signals().apply(FramesToScenes.create().withSettings(DetectorSettings.defaults()));
    PAssert.that(scenes.scenes()).satisfies(ds -> {
      int n = 0;
      for (SceneDetection d : ds) {
        n++;
        if (d.video().path().equals(VFR)) {
          assertEquals(List.of(60L, 140L), d.cuts());
          assertEquals(160, d.frameCount());
        } else {
          assertEquals(List.of(90L, 210L), d.cuts());
          assertEquals(240, d.signals().size());
        }
        assertEquals(3, d.scenes().size());
      }
      assertEquals(2, n);
      return null;
    });
    PAssert.that(scenes.errors()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void failedSegmentsGiveOneDecodeErrorPerVideo(TestPipeline p) throws Exception {
    String gone = tmp.resolve("gone.mp4").toString(); // probed, then deleted before decoding
    VideoInfo info = new VideoInfo(gone, "gone_00000000", 64, 48, 64, 48, 0, 25, "25/1", 30, 750, 0,
        "h264", List.of(0.0, 10.0, 20.0), false, 0, 0, "size:1");
    VideoToFrames.Result decoded =
        p.apply(Create.of(info).withCoder(VideoInfoCoder.of()))
            .apply(VideoToFrames.create().withSegmentSeconds(10));
    PAssert.that(decoded.signals()).empty();
    PAssert.that(decoded.errors()).satisfies(es -> {
      List<ErrorRecord> all = new ArrayList<>();
      es.forEach(all::add);
      assertEquals(1, all.size());
      ErrorRecord e = all.get(0);
      assertEquals("decode", e.stage());
      assertEquals("gone_00000000", e.id());
      assertTrue(e.message().contains("does not exist"), e.message());
      assertTrue(e.message().contains("[segment 1 of 3, from 0.000 s] (3 segments of this video failed)"), e.message());
      return null;
    });
    PAssert.that(decoded.signals().apply(FramesToScenes.create()).scenes()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void corruptAudioIsAnAudioErrorOnly(TestPipeline p) throws Exception {
    byte[] d = Files.readAllBytes(Path.of(Media.clip("moviepy/big_buck_bunny_0_30.webm")));
    String s = new String(d, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = s.indexOf("\u0005vorbis");
    java.util.Arrays.fill(d, at + 7, at + 407, (byte) 0xAB); // break the Vorbis setup header
    String bad = Files.write(tmp.resolve("bbb_corrupt_audio.webm"), d).toString();
    String out = Files.createDirectories(tmp.resolve("audio-out")).toString();
    ProbeVideos.Result probed = p.apply(Create.of(List.of(bad, VFR))).apply(ProbeVideos.create());
    ExtractAudio.Result audio = probed.videos().apply(ExtractAudio.create().to(out));
    PAssert.that(probed.errors()).empty();
    PAssert.that(audio.audio()).satisfies(kvs -> {
      List<String> ids = new ArrayList<>();
      kvs.forEach(kv -> ids.add(kv.getKey()));
      assertEquals(1, ids.size());
      assertTrue(ids.get(0).startsWith("goldeneye"));
      return null;
    });
    PAssert.that(audio.errors()).satisfies(es -> {
      List<ErrorRecord> all = new ArrayList<>();
      es.forEach(all::add);
      assertEquals(1, all.size());
      assertEquals("audio", all.get(0).stage());
      assertEquals(bad, all.get(0).input());
      assertTrue(all.get(0).message().contains("audio stream is corrupt"), all.get(0).message());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void framesAndAudio(TestPipeline p) throws Exception {
    String out = Files.createDirectories(tmp.resolve("out")).toString();
    PCollection<VideoInfo> videos =
        p.apply(Create.of(List.of(VFR, ROTATED))).apply(ProbeVideos.create()).videos();
    PCollection<SceneDetection> scenes =
        videos.apply(VideoToFrames.create()).signals().apply(FramesToScenes.create()).scenes();
    // small chunks: the frames of one video are fetched in several parallel chunks, then merged
    ExtractFrames.Result frames = scenes.apply(ExtractFrames.scenes().to(out).withChunkSeconds(3));
    ExtractFrames.Result interval =
        scenes.apply("Interval", ExtractFrames.interval(5.0).to(out));
    ExtractAudio.Result audio = videos.apply(ExtractAudio.create().to(out));
    PAssert.that(frames.frames()).satisfies(kvs -> {
      int videosSeen = 0;
      for (KV<String, List<Keyframe>> kv : kvs) {
        videosSeen++;
        assertEquals(9, kv.getValue().size());
        for (Keyframe k : kv.getValue()) {
          assertTrue(new File(out, k.path()).isFile(), k.path());
          assertTrue(k.path().matches("frames/" + kv.getKey() + "/scene000[1-3]_pos[0-2]_frame\\d{6}_t\\d+\\.\\d\\ds\\.jpg"), k.path());
        }
      }
      assertEquals(2, videosSeen);
      return null;
    });
    PAssert.that(interval.frames()).satisfies(kvs -> {
      for (KV<String, List<Keyframe>> kv : kvs) {
        assertEquals(List.of(1, 2), kv.getValue().stream().map(Keyframe::position).toList());
        assertEquals(0, kv.getValue().get(0).frame());
        assertTrue(kv.getValue().get(1).path().contains("/interval_0002_frame"), kv.getValue().get(1).path());
      }
      return null;
    });
    PAssert.that(audio.audio()).satisfies(kvs -> {
      int n = 0;
      for (KV<String, AudioInfo> kv : kvs) {
        n++;
        if (kv.getKey().startsWith("goldeneye")) {
          assertNull(kv.getValue().path()); // no audio: no file, not an error
        } else {
          assertEquals("audio/" + kv.getKey() + "_audio.wav", kv.getValue().path());
          assertEquals(10.0, kv.getValue().durationSeconds(), 0.1);
          assertTrue(new File(out, kv.getValue().path()).isFile());
        }
      }
      assertEquals(2, n);
      return null;
    });
    PAssert.that(frames.errors()).empty();
    PAssert.that(audio.errors()).empty();
    p.run().waitUntilFinish();
  }
}
