package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Flink session cluster for tests, started and stopped with the project's scripts in its own
 * folder and ports (so that it never touches a cluster a developer runs on 8081).
 */
final class FlinkCluster implements AutoCloseable {

  /** The checkout (tests run in pipelines/). */
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  static final Path SHADED_JAR = REPO.resolve("pipelines/target/reelbeam.jar");

  final Path dir;
  final int restPort;
  private final String[] startArgs;
  long jobManagerPid;
  long taskManagerPid;
  /** Every TaskManager's PID (the first is {@link #taskManagerPid}). */
  List<Long> taskManagerPids = List.of();
  double startSeconds;

  private FlinkCluster(Path dir, int restPort, String[] startArgs) {
    this.dir = dir;
    this.restPort = restPort;
    this.startArgs = startArgs;
  }

  /** Starts a cluster with {@code slots} slots in {@code target/<name>}, REST on {@code restPort}. */
  static FlinkCluster start(String name, int restPort, int rpcPort, int slots, String tmMemory)
      throws IOException, InterruptedException {
    return start(name, restPort, rpcPort, slots, tmMemory, 1);
  }

  /** As above with {@code taskManagers} TaskManager processes of {@code slots} slots each. */
  static FlinkCluster start(String name, int restPort, int rpcPort, int slots, String tmMemory, int taskManagers)
      throws IOException, InterruptedException {
    Path dir = REPO.resolve("target").resolve(name);
    FlinkCluster c = new FlinkCluster(dir, restPort, new String[] {
      REPO.resolve("runner-configs/flink/start-cluster.sh").toString(),
      "--slots=" + slots, "--taskmanagers=" + taskManagers, "--tm-memory=" + tmMemory,
      "--rest-port=" + restPort, "--rpc-port=" + rpcPort, "--dir=" + dir});
    c.startOrRepair();
    return c;
  }

  /**
   * Runs start-cluster.sh again: nothing when the cluster is up, a fresh cluster when a process of
   * it died (e.g. after {@link #killTaskManager()}).
   */
  void startOrRepair() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Result r = exec(startArgs);
    assertEquals(0, r.exit, "start-cluster.sh failed:\n" + r.output);
    startSeconds = (System.nanoTime() - t0) / 1e9;
    jobManagerPid = Long.parseLong(Files.readString(dir.resolve("jobmanager.pid")).strip());
    taskManagerPid = Long.parseLong(Files.readString(dir.resolve("taskmanager.pid")).strip());
    List<Long> pids = new ArrayList<>();
    try (var files = Files.newDirectoryStream(dir, "taskmanager*.pid")) {
      for (Path f : files) {
        pids.add(Long.parseLong(Files.readString(f).strip()));
      }
    }
    taskManagerPids = List.copyOf(pids);
  }

  String master() {
    return "127.0.0.1:" + restPort;
  }

  /** Kills the TaskManager process (SIGKILL), as a machine failure would. */
  void killTaskManager() {
    ProcessHandle.of(taskManagerPid).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Result r = exec(REPO.resolve("runner-configs/flink/stop-cluster.sh").toString(), "--dir=" + dir);
    assertEquals(0, r.exit, "stop-cluster.sh failed:\n" + r.output);
    List<Long> pids = new ArrayList<>(taskManagerPids);
    pids.add(jobManagerPid);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
      assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive(), "PID " + pid + " still runs");
    }
  }

  record Result(int exit, String output, double seconds) {}

  /** Runs a command in the checkout, output and errors together, with a 15-minute limit. */
  static Result exec(String... command) throws IOException, InterruptedException {
    return exec(List.of(command), null);
  }

  static Result exec(List<String> command, Path log) throws IOException, InterruptedException {
    Path out = log != null ? log : Files.createTempFile("reelbeam-exec", ".log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command)
        .directory(REPO.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    String text = Files.readString(out);
    if (log == null) {
      Files.delete(out);
    }
    return new Result(p.exitValue(), text, (System.nanoTime() - t0) / 1e9);
  }
}
