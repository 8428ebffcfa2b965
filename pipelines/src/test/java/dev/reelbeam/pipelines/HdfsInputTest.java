package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.pipelines.rag.QueryCommand;
import dev.reelbeam.pipelines.rag.RagStage;
import dev.reelbeam.pipelines.rag.Stage3Command;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --input=hdfs://...} and {@code --output=hdfs://...} on a real HDFS (a NameNode and a DataNode started by
 * runner-configs/hdfs/start-hdfs.sh): the videos are put with Hadoop's own command line
 * (hdfs.sh dfs -put -p), and every per-video file equals a run on the same files read locally, once
 * the input's path and the video id made from it are set aside; {@code --resume} then skips both
 * videos by their fingerprints read on HDFS. Then the same run writes its output to HDFS too
 * (keyframes written there and read back by the composition step, audio, cuts, manifests): fetched
 * with {@code dfs -get}, every per-video file equals the local run's, and {@code --resume} on the HDFS
 * output finds both videos finished. A subtitle file without its film, in a subfolder of the HDFS
 * folder, is found by listing HDFS and has the error record a local run gives it.
 * {@code -Dreelbeam.hdfs=false} skips
 * it (it starts two JVMs and resolves Hadoop's jars once).
 */
@Tag("hdfs")
@DisabledIfSystemProperty(named = "reelbeam.hdfs", matches = "false")
class HdfsInputTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path SCRIPTS = REPO.resolve("runner-configs/hdfs");

  @TempDir Path tmp;

  /** Every run's status: 1, for the orphan subtitle file's record (the films themselves succeed). */
  private static final int ORPHAN_FAILS = Command.SOME_FAILED;

  @Test
  void runReadingAndWritingHdfsWritesWhatALocalRunWrites() throws Exception {
    Path media = EndToEndTest.shared().resolve("media");
    Path local = Files.createDirectories(tmp.resolve("films"));
    // Cuts (three scenes) and audio (a WebM with Vorbis), both small.
    List<String> names = List.of("goldeneye-vfr-drop3.mp4", "bbb-audio.webm");
    Files.copy(media.resolve("pyscenedetect/goldeneye-vfr-drop3.mp4"), local.resolve(names.get(0)),
        StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(media.resolve("moviepy/big_buck_bunny_432_433.webm"), local.resolve(names.get(1)),
        StandardCopyOption.COPY_ATTRIBUTES);
    // A sidecar beside the remote video: found by listing its HDFS folder, not the staged copy's.
    String sidecar = "goldeneye-vfr-drop3.en.srt";
    Files.writeString(local.resolve(sidecar),
        "1\n00:00:00,500 --> 00:00:02,000\nGood morning, Mr Bond.\n", StandardCharsets.UTF_8);
    // A subtitle file whose film is missing, in a subfolder: an error record from either listing.
    String orphan = "extras/lost-film.en.srt";
    Files.createDirectories(local.resolve("extras"));
    Files.writeString(local.resolve(orphan), "1\n00:00:01,000 --> 00:00:02,000\nLost.\n", StandardCharsets.UTF_8);

    Path dir = REPO.resolve("target/hdfs-input-test");
    int port = freePort();
    String uri = "hdfs://127.0.0.1:" + port;
    // HDFS starts (two JVMs) while the local run, which does not need it, goes on.
    Process starting = start(SCRIPTS.resolve("start-hdfs.sh").toString(), "--port=" + port,
        "--http-port=" + freePort(), "--dir=" + dir);
    try {
      Path fromLocal = tmp.resolve("out-local");
      assertEquals(ORPHAN_FAILS, ReelBeam.run(args("--input=" + local, "--output=" + fromLocal)));
      String started = finish(starting, "start-hdfs.sh");
      List<String> lines = started.strip().lines().toList();
      assertEquals(uri, lines.get(lines.size() - 1), "start-hdfs.sh prints its URI last:\n" + started);
      // One put of the whole folder, under a name of its own (the HDFS folder outlives a run).
      String films = "/films-" + Long.toHexString(System.nanoTime());
      run(SCRIPTS.resolve("hdfs.sh").toString(), "--dir=" + dir, "dfs", "-put", "-p", local.toString(), films);

      Path fromHdfs = tmp.resolve("out-hdfs");
      assertEquals(ORPHAN_FAILS, ReelBeam.run(args("--input=" + uri + films, "--output=" + fromHdfs)));

      Map<String, String> remoteToLocal = new TreeMap<>();
      for (String n : names) {
        remoteToLocal.put(uri + films + "/" + n, local.resolve(n).toString());
        remoteToLocal.put(VideoId.of(uri + films + "/" + n), VideoId.of(local.resolve(n).toString()));
      }
      remoteToLocal.put(uri + films + "/" + sidecar, local.resolve(sidecar).toString());
      remoteToLocal.put(uri + films + "/" + orphan, local.resolve(orphan).toString());
      remoteToLocal.put(VideoId.of(uri + films + "/" + orphan), VideoId.of(local.resolve(orphan).toString()));
      Map<String, byte[]> a = perVideoFiles(fromHdfs, remoteToLocal);
      // The OpenTimelineIO file names its source as a URL: file:///... for a local one.
      Map<String, String> localUrls = new TreeMap<>();
      names.forEach(n -> localUrls.put("file://" + local.resolve(n), local.resolve(n).toString()));
      Map<String, byte[]> b = perVideoFiles(fromLocal, localUrls);
      assertEquals(b.keySet(), a.keySet(), "the same files");
      for (String f : b.keySet()) {
        assertTrue(Arrays.equals(b.get(f), a.get(f)), "differs: " + f
            + (f.matches(".*\\.(json|csv|edl|otio)$")
                ? "\n" + new String(b.get(f), StandardCharsets.UTF_8) + "\n---\n" + new String(a.get(f), StandardCharsets.UTF_8)
                : ""));
      }
      assertTrue(a.keySet().stream().anyMatch(f -> f.startsWith("audio/")), "audio written: " + a.keySet());
      assertTrue(a.keySet().stream().anyMatch(f -> f.startsWith("frames/")), "frames written: " + a.keySet());
      assertEquals(List.of("errors/" + VideoId.of(local.resolve(orphan).toString()) + ".subtitles.json"),
          a.keySet().stream().filter(f -> f.startsWith("errors/")).toList(), "the orphan's record alone");
      assertTrue(a.keySet().stream().anyMatch(f -> f.startsWith("subtitles/") && f.endsWith(".ext-en.srt")),
          "the sidecar's track written: " + a.keySet());

      // --resume reads the fingerprints of the videos on HDFS and skips both, writing nothing new.
      assertEquals(ORPHAN_FAILS, ReelBeam.run(args("--input=" + uri + films, "--output=" + fromHdfs, "--resume")));
      JsonNode index = Json.read(fromHdfs.resolve(OutputLayout.DATASET_INDEX));
      assertEquals(names.size(), index.path("videos_skipped").asInt(), index.toString());
      assertEquals(a.keySet(), perVideoFiles(fromHdfs, remoteToLocal).keySet());

      // The output on HDFS: the same files, fetched with Hadoop's own command line.
      String out = "/out-" + Long.toHexString(System.nanoTime());
      assertEquals(ORPHAN_FAILS, ReelBeam.run(args("--input=" + uri + films, "--output=" + uri + out)));
      Path fetched = tmp.resolve("out-fetched");
      run(SCRIPTS.resolve("hdfs.sh").toString(), "--dir=" + dir, "dfs", "-get", out, fetched.toString());
      Map<String, byte[]> c = perVideoFiles(fetched, remoteToLocal);
      assertEquals(b.keySet(), c.keySet(), "the same files on HDFS");
      for (String f : b.keySet()) {
        assertTrue(Arrays.equals(b.get(f), c.get(f)), "differs on HDFS: " + f);
      }
      assertTrue(Files.isRegularFile(fetched.resolve("execution_metadata.json")), "run metadata on HDFS");
      try (Stream<Path> logs = Files.list(fetched.resolve("logs"))) {
        assertEquals(1, logs.count(), "the run's log copied to HDFS");
      }
      // --resume finds both videos finished by their manifests and files on HDFS.
      assertEquals(ORPHAN_FAILS, ReelBeam.run(args("--input=" + uri + films, "--output=" + uri + out, "--resume")));
      Path again = tmp.resolve("index-again.json");
      run(SCRIPTS.resolve("hdfs.sh").toString(), "--dir=" + dir, "dfs", "-get",
          out + "/" + OutputLayout.DATASET_INDEX, again.toString());
      assertEquals(names.size(), Json.read(again).path("videos_skipped").asInt());

      documentsOnHdfsBuildTheKnowledgeBaseLocalOnesDo(uri, dir);
    } finally {
      starting.waitFor(5, TimeUnit.MINUTES); // a start stopped half-way would leave a process behind
      run(SCRIPTS.resolve("stop-hdfs.sh").toString(), "--dir=" + dir);
    }
    for (String pidFile : new String[] {"namenode.pid", "datanode.pid"}) {
      assertFalse(Files.exists(dir.resolve(pidFile)), pidFile + " left behind");
    }
  }

  /**
   * {@code stage3 --docs=hdfs://...}: the documents put on HDFS with Hadoop's command line (the
   * demo's, a name with a space, a hidden file, an interrupted write and two bad files) are listed
   * and read through Beam's Hadoop filesystem into the knowledge base a local {@code --docs} gives:
   * the same normalised documents, chunks and manifest (the bad files' paths aside), the same error
   * records, the same answers.
   */
  private void documentsOnHdfsBuildTheKnowledgeBaseLocalOnesDo(String uri, Path dir) throws Exception {
    Path docs = tmp.resolve("docs");
    Path from = REPO.resolve("src/demo/docs");
    int demo = 0;
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        demo++;
        Path to = docs.resolve(from.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Files.writeString(docs.resolve("characters/my notes.md"), "# Notes\n\nThe bird says good morning.\n");
    Files.writeString(docs.resolve(".draft.md"), "# Hidden\n\nnot indexed\n");
    Files.writeString(docs.resolve(AtomicFiles.TEMP_PREFIX + "film_info.md"), "an interrupted write\n");
    Files.createDirectories(docs.resolve("bad"));
    Files.write(docs.resolve("bad/empty.txt"), new byte[0]);
    Files.writeString(docs.resolve("bad/broken.json"), "{\"name\": ");
    String remote = "/docs-" + Long.toHexString(System.nanoTime());
    run(SCRIPTS.resolve("hdfs.sh").toString(), "--dir=" + dir, "dfs", "-put", docs.toString(), remote);

    Path kbLocal = tmp.resolve("kb-local");
    Path kbHdfs = tmp.resolve("kb-hdfs");
    String model = "--embeddingModel=all-minilm-l6-v2-q";
    // Exit 1: the two bad files each have their error record.
    assertEquals(Command.SOME_FAILED, stage3("--docs=" + docs, "--output=" + kbLocal, model));
    assertEquals(Command.SOME_FAILED, stage3("--docs=" + uri + remote, "--output=" + kbHdfs, model));

    Map<String, String> rename = new TreeMap<>();
    rename.put(uri + remote, docs.toString());
    Map<String, byte[]> a = knowledgeBaseFiles(kbHdfs, rename);
    Map<String, byte[]> b = knowledgeBaseFiles(kbLocal, Map.of());
    assertEquals(b.keySet(), a.keySet(), "the same documents and error records");
    for (String f : b.keySet()) {
      assertEquals(new String(b.get(f), StandardCharsets.UTF_8), new String(a.get(f), StandardCharsets.UTF_8),
          "differs: " + f);
    }
    JsonNode manifest = Json.read(kbHdfs.resolve("rag/documents/manifest.json"));
    assertEquals(demo + 1, manifest.path("documents").size(), "the demo's and my notes.md: " + manifest);
    assertEquals(2, manifest.path("errors").size(), manifest.toString());
    assertTrue(manifest.toString().contains("characters/my notes.md"), manifest.toString());
    assertEquals(uri + remote, RagStage.readSummary(kbHdfs.toString()).orElseThrow()
        .path("document_processing").path("docs_dir").asText());

    for (String question : List.of("where does the bird say good morning?", "Who teases the rabbit?")) {
      assertEquals(query(kbLocal, question), query(kbHdfs, question), question);
    }
  }

  private static int stage3(String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = new Stage3Command(System.out, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    System.err.print(err.toString(StandardCharsets.UTF_8));
    return rc;
  }

  private static String query(Path output, String question) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc = new QueryCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
        .run(new String[] {"--output=" + output, "--format=json", "--k=5", question});
    assertEquals(0, rc, question);
    String answers = out.toString(StandardCharsets.UTF_8);
    assertTrue(answers.contains("doc_path"), answers);
    return answers;
  }

  /**
   * The normalised documents, chunks and manifest by relative path, and each document error
   * record without its stack trace, with {@code rename}'s remote paths made local.
   */
  private static Map<String, byte[]> knowledgeBaseFiles(Path root, Map<String, String> rename) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString();
        byte[] bytes = Files.readAllBytes(f);
        if (rel.startsWith("errors/") && rel.endsWith(".docs.json")) {
          ObjectNode e = (ObjectNode) Json.read(f);
          e.remove("stack_trace"); // frames of the filesystem that read it
          bytes = e.toString().getBytes(StandardCharsets.UTF_8);
        } else if (!rel.startsWith("rag/documents/")) {
          continue;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (var r : rename.entrySet()) {
          text = text.replace(r.getKey(), r.getValue());
        }
        out.put(rel, text.getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /**
   * Every per-video output (frames, audio, analysis, manifests) by relative path, with the remote
   * input paths and ids in {@code rename} replaced by the local ones in names and in text files.
   */
  private static Map<String, byte[]> perVideoFiles(Path root, Map<String, String> rename) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString();
        if (AtomicFiles.isTemporary(f.getFileName().toString())
            || !rel.matches("(frames|audio|analysis|subtitles|manifests|errors)/.*")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(f);
        if (rel.matches(".*\\.(json|csv|edl|otio)$")) {
          String text = new String(bytes, StandardCharsets.UTF_8);
          for (var e : rename.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
          }
          bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        for (var e : rename.entrySet()) {
          rel = rel.replace(e.getKey(), e.getValue());
        }
        out.put(rel, bytes);
      }
    }
    return out;
  }

  /** {@code run} without the knowledge base (written to a local output only), on two workers. */
  private static String[] args(String... more) {
    List<String> all = new ArrayList<>(List.of("run", "--indexScenes=false", "--workers=2"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process start(String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits for a script to end (at most 5 minutes); its output, or a failure with it. */
  private static String finish(Process p, String what) throws IOException, InterruptedException {
    byte[] output = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), what + " did not end");
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), what + " failed:\n" + text);
    return text;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    return finish(start(command), String.join(" ", command));
  }
}
