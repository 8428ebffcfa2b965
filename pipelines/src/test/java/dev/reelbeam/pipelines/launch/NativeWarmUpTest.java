package dev.reelbeam.pipelines.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.reelbeam.pipelines.MatchVideos;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commands load the natives ahead, and that they are in once the warm-up has ended. */
class NativeWarmUpTest {

  @TempDir
  Path tmp;

  @Test
  void onlyCommandsThatDecodeVideoLoadAhead() {
    assertTrue(NativeWarmUp.wanted(new String[] {"stage1", "--input=x"}));
    assertTrue(NativeWarmUp.wanted(new String[] {"run", "--input=x"}));
    assertFalse(NativeWarmUp.wanted(new String[] {"stage1", "--help"}));
    assertFalse(NativeWarmUp.wanted(new String[] {"stage2", "--input=x"}));
    assertFalse(NativeWarmUp.wanted(new String[] {"query", "who?"}));
    assertFalse(NativeWarmUp.wanted(new String[] {}));
  }

  @Test
  void notWhenARemoteFlinkClusterRunsTheJob() throws Exception {
    assertTrue(NativeWarmUp.wanted(new String[] {"run", "--input=x", "--runner=FlinkRunner", "--flinkMaster=[local]"}));
    assertFalse(NativeWarmUp.wanted(new String[] {"run", "--input=x", "--runner=FlinkRunner", "--flinkMaster=jm:8081"}));
    Path preset = Files.writeString(tmp.resolve("cluster.properties"), "runner=FlinkRunner\nflinkMaster=127.0.0.1:8081\n");
    assertFalse(NativeWarmUp.wanted(new String[] {"stage1", "--input=x", "--runnerConfig=" + preset}));
    assertTrue(NativeWarmUp.wanted(new String[] {"stage1", "--input=x", "--runnerConfig=" + preset, "--flinkMaster=[local]"}));
    assertFalse(NativeWarmUp.wanted(new String[] {"stage1", "--runnerConfig=" + tmp.resolve("missing.properties")}));
  }

  @Test
  void anotherCommandStartsNothingAndDoesNotWait() {
    NativeWarmUp w = NativeWarmUp.startFor(new String[] {"report", "--output=x"});
    assertFalse(w.running());
    w.await();
  }

  @Test
  void ffmpegAndOpenCvAreLoadedOnceTheWarmUpHasEnded() {
    NativeWarmUp w = NativeWarmUp.startFor(new String[] {"stage1", "--input=x"});
    w.await();
    assertFalse(w.running());
    Map<String, String> loaded = Loader.getLoadedLibraries();
    assertTrue(loaded.keySet().stream().anyMatch(k -> k.contains("avcodec")), loaded.keySet().toString());
    assertTrue(loaded.keySet().stream().anyMatch(k -> k.contains("opencv_core")), loaded.keySet().toString());
  }

  @Test
  void theVideoProbedAheadIsNamedAsTheInputStepNamesIt() throws Exception {
    Files.createDirectories(tmp.resolve("sub"));
    Path video = Files.write(tmp.resolve("a.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
    String relative = Paths.get("").toAbsolutePath().relativize(tmp.resolve("sub").resolve("..").resolve("a.mp4")).toString();
    for (String input : List.of(tmp + "/sub/../a.mp4", relative)) {
      Optional<String> ahead = NativeWarmUp.singleLocalVideo(new String[] {"stage1", "--input=" + input, "--output=o"});
      assertEquals(Optional.of(video.toString()), ahead, input);
      Pipeline p = Pipeline.create();
      PAssert.that(p.apply(MatchVideos.in(input)).paths()).containsInAnyOrder(ahead.get());
      p.run().waitUntilFinish();
    }
  }

  @Test
  void onlyASingleLocalVideoFileIsProbedAhead() throws Exception {
    Path video = Files.write(tmp.resolve("a.MKV"), new byte[] {1});
    Files.write(tmp.resolve("notes.txt"), new byte[] {1});
    assertEquals(Optional.of(video.toString()), NativeWarmUp.singleLocalVideo(new String[] {"run", "--input=" + video}));
    for (String input : List.of(tmp.toString(), tmp + "/*.MKV", "file:" + video, "hdfs://nn/a.mp4",
        tmp + "/missing.mp4", tmp + "/notes.txt", "")) {
      assertEquals(Optional.empty(), NativeWarmUp.singleLocalVideo(new String[] {"stage1", "--input=" + input}), input);
    }
    assertEquals(Optional.empty(), NativeWarmUp.singleLocalVideo(new String[] {"stage1", "--output=x"}));
    Path preset = Files.writeString(tmp.resolve("p.properties"), "input=" + video + "\n");
    assertEquals(Optional.of(video.toString()),
        NativeWarmUp.singleLocalVideo(new String[] {"stage1", "--runnerConfig=" + preset}));
  }
}
