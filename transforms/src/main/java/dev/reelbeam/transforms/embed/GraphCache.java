package dev.reelbeam.transforms.embed;

import dev.reelbeam.io.files.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * The embedding model's ONNX graph as a plain local file, with what the embedder must know of its
 * bytes (their SHA-256, recorded in the index, and whether the graph is dynamically quantized)
 * remembered across runs.
 *
 * <p>Why: loading the graph from the model jar meant inflating its 86 MB, hashing them (SHA-256 is
 * slow under the C1 compiler a film job runs with: HotSpot's SHA intrinsic is C2's), scanning them
 * for a quantization operator and copying them into ONNX Runtime, about 1.3 s of one core of the
 * 2.2 s the load took in every {@code run}. With the graph extracted once, ONNX Runtime reads the
 * file itself and the Java side only checks the file's CRC-32 (a native, vectorised loop over a
 * direct buffer: some 0.05 s).
 *
 * <p>Nothing cached is trusted blindly. The extracted file's name carries the jar entry's CRC-32
 * and length, and before every use its whole content is checked against them; the remembered facts
 * are keyed by the same CRC-32 and length and checked field by field. A file or facts that do not
 * match (stale, truncated, edited, half-written by a killed process) are rebuilt from the source.
 * Both are written to a temporary file and moved into place atomically, so a reader sees a
 * complete file or none, and two processes extracting at once write the same bytes.
 */
final class GraphCache {

  /** System property naming the cache directory; {@code none} turns the cache off. */
  static final String DIR_PROPERTY = "reelbeam.modelCache";

  private static final byte[] QUANTIZED = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);
  private static final String CLASSPATH = "classpath:";

  /** The graph as a local file, its SHA-256, and whether its vectors depend on their batch. */
  record Graph(Path file, String sha256, boolean batchSensitive) {}

  private GraphCache() {}

  /**
   * The cache directory: {@value #DIR_PROPERTY} if set, else {@code $XDG_CACHE_HOME/reelbeam/models}
   * or {@code ~/.cache/reelbeam/models}; null when turned off or there is no home.
   */
  static Path defaultDir() {
    String p = System.getProperty(DIR_PROPERTY);
    if (p != null && !p.isBlank()) {
      return p.trim().equalsIgnoreCase("none") ? null : Path.of(p.trim());
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "reelbeam", "models");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() ? null : Path.of(home, ".cache", "reelbeam", "models");
  }

  /**
   * {@code spec}'s graph as a local file with its facts, or null when it cannot be had that way (no
   * cache directory, a resource not in a jar, an unwritable directory): the caller then reads the
   * graph into memory as before.
   */
  static Graph local(EmbeddingModelSpec spec, Path dir) {
    if (dir == null) {
      return null;
    }
    try {
      Files.createDirectories(dir);
      String onnx = spec.onnx();
      if (onnx.startsWith(CLASSPATH)) {
        return fromJar(onnx.substring(CLASSPATH.length()), dir);
      }
      Path file = Path.of(onnx).toAbsolutePath();
      long size = Files.size(file);
      return withFacts(file, crc32(file), size, dir);
    } catch (IOException | RuntimeException e) {
      return null; // the in-memory load that follows reports anything wrong with the graph itself
    }
  }

  private static Graph fromJar(String resource, Path dir) throws IOException {
    URL url = resource(resource);
    if (url == null || !"jar".equals(url.getProtocol())) {
      return null;
    }
    URLConnection c = url.openConnection();
    if (!(c instanceof JarURLConnection jar)) {
      return null;
    }
    JarEntry entry = jar.getJarEntry();
    long crc = entry.getCrc();
    long size = entry.getSize();
    if (crc < 0 || size < 0) {
      return null;
    }
    String base = Path.of(resource).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    Path file = dir.resolve(base.replaceFirst("\\.onnx$", "") + "-" + name(crc, size) + ".onnx");
    if (!(Files.isRegularFile(file) && Files.size(file) == size && crc32(file) == crc)) {
      extract(url, file, crc, size);
    }
    return withFacts(file, crc, size, dir);
  }

  /** Copies the resource to {@code file} through a temporary file, checking its CRC-32 and length. */
  private static void extract(URL url, Path file, long crc, long size) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
    try {
      CRC32 sum = new CRC32();
      long n = 0;
      try (InputStream in = url.openStream(); OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) {
          sum.update(buf, 0, r);
          out.write(buf, 0, r);
          n += r;
        }
      }
      if (sum.getValue() != crc || n != size) {
        throw new IOException("the model's jar entry does not match its own CRC-32 and length");
      }
      moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The facts remembered for the content (CRC-32, length) of {@code file}, computed if missing. */
  private static Graph withFacts(Path file, long crc, long size, Path dir) throws IOException {
    Path factsFile = dir.resolve(name(crc, size) + ".facts");
    Graph remembered = readFacts(factsFile, file, crc, size);
    if (remembered != null) {
      return remembered;
    }
    MessageDigest sha = Sha256.digest();
    boolean quantized = false;
    // The operator's name across two reads is found by keeping the tail of the previous one.
    byte[] buf = new byte[(1 << 16) + QUANTIZED.length];
    int carry = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf, carry, buf.length - carry)) > 0; ) {
        sha.update(buf, carry, r);
        int len = carry + r;
        quantized = quantized || quantized(buf, len);
        carry = Math.min(len, QUANTIZED.length - 1);
        System.arraycopy(buf, len - carry, buf, 0, carry);
      }
    }
    Graph g = new Graph(file, HexFormat.of().formatHex(sha.digest()), quantized);
    writeFacts(factsFile, g, crc, size);
    return g;
  }

  private static Graph readFacts(Path factsFile, Path file, long crc, long size) {
    if (!Files.isRegularFile(factsFile)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(factsFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    String sha = p.getProperty("sha256", "");
    String quantized = p.getProperty("batchSensitive", "");
    boolean ok = Long.toString(crc).equals(p.getProperty("crc32"))
        && Long.toString(size).equals(p.getProperty("size"))
        && sha.matches("[0-9a-f]{64}")
        && (quantized.equals("true") || quantized.equals("false"));
    return ok ? new Graph(file, sha, Boolean.parseBoolean(quantized)) : null;
  }

  private static void writeFacts(Path factsFile, Graph g, long crc, long size) throws IOException {
    Path tmp = Files.createTempFile(factsFile.getParent(), factsFile.getFileName().toString(), ".part");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("crc32=" + crc + "\nsize=" + size + "\nsha256=" + g.sha256()
            + "\nbatchSensitive=" + g.batchSensitive() + "\n");
      }
      moveIntoPlace(tmp, factsFile);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the model cache needs atomic renames in " + target.getParent(), e);
    }
  }

  /**
   * CRC-32 of a whole file, read through one direct buffer: no copy through the Java heap, and no
   * mapping, whose pages would count in the process's resident set until the collector unmapped it.
   */
  static long crc32(Path file) throws IOException {
    CRC32 sum = new CRC32();
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf) >= 0) {
        buf.flip();
        sum.update(buf);
        buf.clear();
      }
    }
    return sum.getValue();
  }

  private static String name(long crc, long size) {
    return String.format(Locale.ROOT, "%08x-%d", crc, size);
  }

  /**
   * Whether the first {@code len} bytes of a graph name the dynamic quantization operator, whose
   * per-tensor int8 scale makes a chunk's vector depend on its batch.
   */
  static boolean quantized(byte[] graph, int len) {
    outer:
    for (int i = 0; i + QUANTIZED.length <= len; i++) {
      for (int j = 0; j < QUANTIZED.length; j++) {
        if (graph[i + j] != QUANTIZED[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static URL resource(String resource) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    URL url = cl == null ? null : cl.getResource(resource);
    return url != null ? url : GraphCache.class.getClassLoader().getResource(resource);
  }
}
