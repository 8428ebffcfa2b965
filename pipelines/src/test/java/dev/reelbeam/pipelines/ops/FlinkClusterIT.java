package dev.reelbeam.pipelines.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real session cluster: start-cluster.sh brings up a JobManager and a TaskManager, two jobs are
 * submitted in a row from the shaded jar through {@link JobRunner}, both loading DJL's native
 * tokenizer on the same TaskManager (the second fails unless DJL loads parent-first from the
 * cluster's lib/), stop-cluster.sh ends exactly those processes. Runs after {@code package} (failsafe), only with {@code -Dreelbeam.flink=true}:
 * {@code ./mvnw -o verify -pl pipelines -Dreelbeam.flink=true -Dit.test=FlinkClusterIT}.
 */
@EnabledIfSystemProperty(named = "reelbeam.flink", matches = "true")
class FlinkClusterIT {

  @TempDir Path tmp;

  @Test
  void twoJobsInARowOnARealSessionCluster() throws Exception {
    assertTrue(Files.isRegularFile(FlinkCluster.SHADED_JAR), "build the shaded jar first (package)");
    Path testClasses = FlinkCluster.REPO.resolve("pipelines/target/test-classes");
    try (FlinkCluster cluster = FlinkCluster.start("flink-cluster-it", 8082, 6125, 2, "2048m")) {
      System.out.printf("cluster ready in %.1f s%n", cluster.startSeconds);
      for (int job = 1; job <= 2; job++) {
        Path out = tmp.resolve("out" + job);
        FlinkCluster.Result r = FlinkCluster.exec(
            FlinkCluster.java(testClasses.toString(), TinyJobMain.class.getName(),
                "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--parallelism=2",
                "--output=" + out, "--videos=6", "--minFreeDiskGb=1", "--tokenize"),
            tmp.resolve("job" + job + ".log"));
        System.out.printf("job %d: %.1f s%n", job, r.seconds());
        assertEquals(0, r.exit(), r.output());
        for (int i = 0; i < 6; i++) {
          assertEquals(TinyJob.expected(i, 30), Files.readString(out.resolve("videos/video" + i + ".txt")));
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("execution_metadata.json").toFile());
        assertEquals("completed", m.get("status").asText());
        assertEquals("FlinkRunner", m.get("runner").asText());
        assertEquals(cluster.master(), m.get("flink_master").asText());
        assertEquals("1.19.0", m.at("/versions/flink").asText());
        assertEquals(6, m.at("/counters/videos").asInt(), "counters come back from the cluster");
        assertTrue(m.at("/counters/chunks").asInt() > 6 * 5, "DJL's native tokenizer ran in job " + job);
        assertEquals("FINISHED", m.at("/flink_job/state").asText(), m.toString());
        assertTrue(m.at("/flink_job/vertices").size() > 0, m.toString());
        m.at("/flink_job/vertices").forEach(v -> assertEquals(2, v.get("parallelism").asInt(), v.toString()));
      }
    }
  }
}
