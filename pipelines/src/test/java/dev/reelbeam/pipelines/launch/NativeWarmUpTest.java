package dev.reelbeam.pipelines.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
