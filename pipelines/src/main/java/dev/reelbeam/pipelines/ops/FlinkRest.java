package dev.reelbeam.pipelines.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The few calls to a Flink session cluster's REST API the operations layer needs: find this run's
 * job by name (Beam names the Flink job after {@code --jobName}), show its progress, cancel it on a
 * safety stop. A submission through Beam's FlinkRunner blocks until the job ends and gives no handle
 * to it before then, hence the REST API.
 */
public final class FlinkRest {

  /** A job as the cluster lists it. */
  public record Job(String id, String name, String state, int tasksTotal, int tasksFinished) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** For {@code --flinkMaster=host:port} (or a URL). */
  public FlinkRest(String flinkMaster) {
    String m = flinkMaster.strip();
    this.base = URI.create(m.startsWith("http://") || m.startsWith("https://") ? m : "http://" + m);
  }

  /** Whether {@code flinkMaster} names a remote cluster (not [local], [auto] or [collection]). */
  public static boolean isRemote(String flinkMaster) {
    return flinkMaster != null && !flinkMaster.isBlank() && !flinkMaster.strip().startsWith("[");
  }

  /** Every job the cluster knows, newest first as the cluster lists them. */
  public List<Job> jobs() throws IOException, InterruptedException {
    JsonNode root = get("/jobs/overview");
    List<Job> jobs = new ArrayList<>();
    for (JsonNode j : root.path("jobs")) {
      JsonNode tasks = j.path("tasks");
      jobs.add(
          new Job(
              j.path("jid").asText(),
              j.path("name").asText(),
              j.path("state").asText(),
              tasks.path("total").asInt(),
              tasks.path("finished").asInt()));
    }
    return jobs;
  }

  /** The running (or starting) job named {@code name}, or null. */
  public Job activeJob(String name) throws IOException, InterruptedException {
    for (Job j : jobs()) {
      if (j.name().equals(name) && isActive(j.state())) {
        return j;
      }
    }
    return null;
  }

  /** Cancels every active job named {@code name}; returns how many. */
  public int cancel(String name) throws IOException, InterruptedException {
    int n = 0;
    for (Job j : jobs()) {
      if (j.name().equals(name) && isActive(j.state())) {
        HttpRequest req =
            HttpRequest.newBuilder(base.resolve("/jobs/" + j.id() + "?mode=cancel"))
                .timeout(Duration.ofSeconds(10))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
          throw new IOException("cancel of Flink job " + j.id() + " answered " + resp.statusCode() + ": " + resp.body());
        }
        n++;
      }
    }
    return n;
  }

  /**
   * The job named {@code name} (the newest, in any state) with its id, state, duration and each
   * vertex's name, parallelism and duration, as JSON-ready maps; null when the cluster has none.
   */
  public java.util.Map<String, Object> jobSummary(String name) throws IOException, InterruptedException {
    Job job = null;
    for (Job j : jobs()) {
      if (j.name().equals(name)) {
        job = j;
        break;
      }
    }
    if (job == null) {
      return null;
    }
    JsonNode d = get("/jobs/" + job.id());
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", job.id());
    m.put("state", d.path("state").asText());
    m.put("duration_ms", d.path("duration").asLong());
    List<java.util.Map<String, Object>> vertices = new ArrayList<>();
    for (JsonNode v : d.path("vertices")) {
      java.util.Map<String, Object> vm = new java.util.LinkedHashMap<>();
      vm.put("name", v.path("name").asText());
      vm.put("parallelism", v.path("parallelism").asInt());
      vm.put("duration_ms", v.path("duration").asLong());
      vertices.add(vm);
    }
    m.put("vertices", vertices);
    return m;
  }

  private static boolean isActive(String state) {
    return switch (state) {
      case "CREATED", "INITIALIZING", "RUNNING", "RESTARTING", "RECONCILING" -> true;
      default -> false;
    };
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      throw new IOException("GET " + base.resolve(path) + " answered " + resp.statusCode());
    }
    return JSON.readTree(resp.body());
  }
}
