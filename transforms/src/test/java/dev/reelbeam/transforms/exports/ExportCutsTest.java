package dev.reelbeam.transforms.exports;

import dev.reelbeam.transforms.coders.SceneDetectionCoder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

class ExportCutsTest {

  @RegisterExtension final TestPipelineExtension pipelineExtension = TestPipelineExtension.create();

  @Test
  void writesEdlAndOtioBesideTheSceneLists(TestPipeline pipeline, @TempDir Path out) throws Exception {
    SceneDetection a = Detections.of("/media/a.mp4", "a_11111111", 30000, 1001, true, 3000, 120, 1800);
    SceneDetection b = Detections.of("/media/b.mkv", "b_22222222", 24000, 1001, false, 500, 200);

    PCollection<KV<String, List<String>>> written =
        pipeline
            .apply(Create.of(a, b).withCoder(SceneDetectionCoder.of()))
            .apply(ExportCuts.to(out.toString()));
    PAssert.that(written)
        .containsInAnyOrder(
            KV.of("a_11111111", List.of("analysis/scenes/a_11111111.edl", "analysis/scenes/a_11111111.otio")),
            KV.of("b_22222222", List.of("analysis/scenes/b_22222222.edl", "analysis/scenes/b_22222222.otio")));
    pipeline.run().waitUntilFinish();

    for (SceneDetection d : List.of(a, b)) {
      String id = d.video().videoId();
      CutList cuts = CutList.of(d);
      assertEquals(
          EdlWriter.render(cuts),
          Files.readString(out.resolve("analysis/scenes/" + id + ".edl"), StandardCharsets.UTF_8));
      assertArrayEquals(
          OtioWriter.render(cuts), Files.readAllBytes(out.resolve("analysis/scenes/" + id + ".otio")));
      EdlReader.Edl edl = EdlReader.parse(Files.readString(out.resolve("analysis/scenes/" + id + ".edl")));
      assertEquals(d.scenes().size(), edl.events().size());
    }
    try (var files = Files.list(out.resolve("analysis/scenes"))) {
      assertEquals(4, files.count(), "four exports, no temporary files");
    }
  }

  @Test
  void configurationIsValidatedAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> ExportCuts.to(" "));
    assertThrows(IllegalArgumentException.class, () -> ExportCuts.to("/tmp/x").withEdl(false).withOtio(false));
  }

  @Test
  void onlyTheChosenFormat(@TempDir Path out) throws Exception {
    SceneDetection d = Detections.of("/media/c.mp4", "c_3", 25, 1, false, 100, 50);
    assertEquals(List.of("analysis/scenes/c_3.otio"), ExportCuts.write(d, out, false, true));
    assertEquals(List.of("analysis/scenes/c_3.edl"), ExportCuts.write(d, out, true, false));
  }
}
