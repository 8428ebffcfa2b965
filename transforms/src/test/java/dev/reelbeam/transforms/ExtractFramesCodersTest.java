package dev.reelbeam.transforms;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.scenes.KeyframePlanner;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** The plan chunks and written chunks ExtractFrames spreads and groups come back whole. */
class ExtractFramesCodersTest {
  private static final VideoInfo FILM = new VideoInfo("/films/bunny.mp4", "bunny_0123", 1280, 720, 1280, 720,
      90, 24.0, "24/1", 60.0, 1440L, 0.0, "h264", List.of(0.0, 2.0, 4.0), false, 0, 0, "size:1;mtime:2");

  @Test
  void planChunksRoundTrip() throws Exception {
    List<KeyframePlanner.Pick> picks = List.of(new KeyframePlanner.Pick(0, 0, 12L, 0.5),
        new KeyframePlanner.Pick(0, 1, 24L, 1.0).withQuality(new FrameQuality(1, 2, 3, 4L)));
    CoderProperties.coderDecodeEncodeEqual(new ExtractFrames.ChunkCoder(), new ExtractFrames.Chunk(FILM, 2, 5, picks));
    CoderProperties.coderDecodeEncodeEqual(new ExtractFrames.ChunkCoder(), new ExtractFrames.Chunk(FILM, 0, 1, List.of()));
  }

  @Test
  void writtenChunksRoundTripNestedAsAtTheGroupByKey() throws Exception {
    var written = new ExtractFrames.Written(5, List.of(
        new Keyframe("bunny_0123", 0, 0, 12L, 0.5, "frames/bunny_0123/s000_0.jpg"),
        new Keyframe("bunny_0123", 0, 1, 24L, 1.0, "frames/bunny_0123/s000_1.jpg")));
    CoderProperties.coderDecodeEncodeEqual(
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), new ExtractFrames.WrittenCoder())),
        KV.of("bunny_0123", KV.of(3, written)));
  }
}
