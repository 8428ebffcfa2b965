package dev.reelbeam.pipelines.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.pipelines.ReelBeam;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** What the fault tests share: the real command line in a child JVM, and checks on an output tree. */
final class Faults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Faults() {}

  static Path shared() {
    String prop = System.getProperty("reelbeam.shared");
    Path p = prop != null ? Paths.get(prop) : Paths.get("../shared");
    if (!Files.isDirectory(p.resolve("media"))) {
      p = Paths.get("../../shared");
    }
    return p.toAbsolutePath().normalize();
  }

  static Path media(String rel) {
    return shared().resolve("media").resolve(rel);
  }

  static Path demoClip() {
    for (String c : new String[] {"../src/demo/big_buck_bunny_0_30.webm", "src/demo/big_buck_bunny_0_30.webm"}) {
      if (Files.isRegularFile(Paths.get(c))) {
        return Paths.get(c).toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("demo clip not found under src/demo");
  }

  /** Starts {@code reelbeam <args>} in a child JVM (so that it can be killed), output to {@code console}. */
  static Process start(Path console, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), ReelBeam.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
  }

  /** Runs {@code reelbeam <args>} in a child JVM to its end; returns the exit status. */
  static int run(Path console, String... args) throws Exception {
    Process p = start(console, args);
    if (!p.waitFor(150, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("reelbeam " + String.join(" ", args) + " did not end within 150 s:\n" + Files.readString(console));
    }
    return p.exitValue();
  }

  /** Per-video outputs: everything in a sub-folder except logs and monitoring (run-level files hold timestamps). */
  static boolean perVideo(String rel) {
    return rel.contains("/") && !rel.startsWith("logs/") && !rel.startsWith("monitoring/")
        && !rel.equals("rag/rag_summary.json")
        // Lucene's segment files carry random ids: the knowledge base is compared by its metadata.
        && !(rel.startsWith("rag/knowledge_base/") && !rel.endsWith("index_metadata.json"));
  }

  /** Relative path to SHA-256 of every final-named per-video file. */
  static Map<String, String> perVideoDigests(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path f : files(root)) {
      String rel = root.relativize(f).toString();
      if (!AtomicFiles.isTemporary(f.getFileName().toString()) && perVideo(rel)) {
        out.put(rel, Sha256.of(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  static List<Path> temporaries(Path root) throws IOException {
    return files(root).stream().filter(f -> AtomicFiles.isTemporary(f.getFileName().toString())).toList();
  }

  static List<Path> files(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * No file under a final name is partial: every JPEG decodes to its end marker, every WAV's header
   * lengths match its size, every JSON parses, every CSV ends with a whole line.
   */
  static void assertNoPartialFinalFile(Path root, String when) throws IOException {
    for (Path f : files(root)) {
      String name = f.getFileName().toString();
      if (AtomicFiles.isTemporary(name) || name.endsWith(".log") || name.startsWith("resources_")) {
        continue; // temporaries are not outputs; the run log and monitor CSV are appended as the job goes
      }
      byte[] b = Files.readAllBytes(f);
      String what = when + ": " + root.relativize(f);
      if (name.endsWith(".jpg")) {
        assertTrue(b.length > 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8, what + " has no JPEG start");
        assertTrue((b[b.length - 2] & 0xff) == 0xFF && (b[b.length - 1] & 0xff) == 0xD9, what + " is cut short");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(b)), what + " does not decode");
      } else if (name.endsWith(".wav")) {
        assertWav(b, what);
      } else if (name.endsWith(".json")) {
        try {
          JSON.readTree(b);
        } catch (IOException e) {
          fail(what + " does not parse: " + e.getMessage());
        }
      } else if (name.endsWith(".csv")) {
        assertTrue(b.length > 0 && b[b.length - 1] == '\n', what + " does not end with a whole line");
      }
    }
  }

  static void assertWav(byte[] b, String what) {
    assertTrue(b.length >= 44, what + " is shorter than a WAV header");
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), what);
    assertEquals(b.length - 8, h.getInt(4), what + ": RIFF length does not match the file size");
    int pos = 12;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
      int len = h.getInt(pos + 4);
      if (id.equals("data")) {
        assertEquals(b.length - pos - 8, len, what + ": data length does not match the file size");
        return;
      }
      pos += 8 + len + (len & 1);
    }
    fail(what + " has no data chunk");
  }

  static String read(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + f + " unreadable: " + e + ")";
    }
  }
}
