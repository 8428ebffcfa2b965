package dev.reelbeam.transforms.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extracted graph and its remembered facts: the same bytes and hash as the jar's, rebuilt
 * whenever either no longer matches, and the same vectors as a graph loaded from memory.
 */
class GraphCacheTest {

  private static final EmbeddingModelSpec SPEC = EmbeddingModelSpec.resolve("all-minilm-l6-v2-q");
  private static byte[] graph;
  private static String sha;

  @TempDir Path dir;

  @BeforeAll
  static void readTheGraph() throws Exception {
    try (InputStream in = SPEC.openOnnx()) {
      graph = in.readAllBytes();
    }
    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(graph));
  }

  @Test
  void extractsOnceWithTheJarsBytesAndHash() throws Exception {
    GraphCache.Graph g = GraphCache.local(SPEC, dir);
    assertNotNull(g);
    assertArrayEquals(graph, Files.readAllBytes(g.file()));
    assertEquals(sha, g.sha256());
    assertTrue(g.batchSensitive(), "the quantized MiniLM holds DynamicQuantizeLinear");

    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(g.file(), old);
    GraphCache.Graph again = GraphCache.local(SPEC, dir);
    assertEquals(g, again);
    assertEquals(old, Files.getLastModifiedTime(again.file()), "an intact file is not written again");
    assertEquals(List.of(), leftovers(), "no temporary files stay behind");
  }

  @Test
  void aCorruptOrTruncatedFileIsExtractedAgain() throws Exception {
    Path file = GraphCache.local(SPEC, dir).file();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1; // same length, one bit off
    Files.write(file, bytes);
    GraphCache.Graph g = GraphCache.local(SPEC, dir);
    assertArrayEquals(graph, Files.readAllBytes(g.file()));
    assertEquals(sha, g.sha256());

    Files.write(file, java.util.Arrays.copyOf(graph, graph.length / 3));
    g = GraphCache.local(SPEC, dir);
    assertArrayEquals(graph, Files.readAllBytes(g.file()));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void factsThatDoNotMatchAreComputedAgain() throws Exception {
    GraphCache.local(SPEC, dir);
    Path facts;
    try (Stream<Path> s = Files.list(dir)) {
      facts = s.filter(p -> p.toString().endsWith(".facts")).findFirst().orElseThrow();
    }
    String good = Files.readString(facts);
    for (String bad : List.of(
        "garbage\u0000\u00ff",
        good.replaceFirst("sha256=[0-9a-f]{4}", "sha256=xyz"),
        good.replaceFirst("crc32=\\d+", "crc32=1"),
        good.replaceFirst("size=\\d+", "size=2"),
        good.replaceFirst("batchSensitive=true", "batchSensitive=maybe"),
        "")) {
      Files.writeString(facts, bad, StandardCharsets.ISO_8859_1);
      GraphCache.Graph g = GraphCache.local(SPEC, dir);
      assertEquals(sha, g.sha256(), bad);
      assertTrue(g.batchSensitive(), bad);
      assertEquals(good, Files.readString(facts), "rewritten whole: " + bad);
    }
    Files.delete(facts);
    assertEquals(sha, GraphCache.local(SPEC, dir).sha256());
  }

  @Test
  void aGraphFileIsUsedWhereItIsWithItsFactsRemembered() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model")).resolve("model.onnx");
    Files.write(model, graph);
    Path cache = dir.resolve("cache");
    EmbeddingModelSpec spec = new EmbeddingModelSpec("x", model.toString(), SPEC.tokenizer(),
        SPEC.pooling(), SPEC.normalize(), SPEC.maxTokens(), "");
    GraphCache.Graph g = GraphCache.local(spec, cache);
    assertEquals(model.toAbsolutePath(), g.file());
    assertEquals(sha, g.sha256());
    try (Stream<Path> s = Files.list(cache)) {
      assertEquals(1, s.count(), "only the facts, no copy");
    }
    // The file changes in place: its new content gets its own facts.
    byte[] other = graph.clone();
    other[10] ^= 1;
    Files.write(model, other);
    g = GraphCache.local(spec, cache);
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(other)), g.sha256());
  }

  @Test
  void theSpecsHashComesFromTheCache() throws Exception {
    Path model = Files.createDirectories(dir.resolve("m")).resolve("model.onnx");
    Files.write(model, graph);
    EmbeddingModelSpec spec = new EmbeddingModelSpec("y", model.toString(), SPEC.tokenizer(),
        SPEC.pooling(), SPEC.normalize(), SPEC.maxTokens(), "");
    Path cache = dir.resolve("c");
    String before = System.getProperty(GraphCache.DIR_PROPERTY);
    try {
      System.setProperty(GraphCache.DIR_PROPERTY, cache.toString());
      assertEquals(sha, spec.onnxSha256());
      try (Stream<Path> s = Files.list(cache)) {
        assertTrue(s.anyMatch(p -> p.toString().endsWith(".facts")), "remembered for the next run");
      }
    } finally {
      if (before == null) {
        System.clearProperty(GraphCache.DIR_PROPERTY);
      } else {
        System.setProperty(GraphCache.DIR_PROPERTY, before);
      }
    }
  }

  @Test
  void turnedOffOrUnwritableMeansNoCache() throws Exception {
    assertNull(GraphCache.local(SPEC, null));
    Path aFile = Files.writeString(dir.resolve("f"), "x");
    assertNull(GraphCache.local(SPEC, aFile.resolve("sub")), "a directory that cannot be made");
  }

  @Test
  void theCachedGraphEmbedsAsTheGraphFromMemory() throws Exception {
    List<String> texts = List.of("a camera pans across a harbour at dusk", "two people talk in a kitchen");
    String before = System.getProperty(GraphCache.DIR_PROPERTY);
    try {
      System.setProperty(GraphCache.DIR_PROPERTY, "none");
      List<float[]> fromMemory;
      String memorySha;
      try (Embedder e = Embedder.load(SPEC, 1)) {
        fromMemory = e.embed(texts);
        memorySha = e.modelSha256();
      }
      System.setProperty(GraphCache.DIR_PROPERTY, dir.toString());
      for (int run = 0; run < 2; run++) { // extracting, then from the cache
        try (Embedder e = Embedder.load(SPEC, 1)) {
          List<float[]> fromFile = e.embed(texts);
          for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(fromMemory.get(i), fromFile.get(i), "run " + run + ", text " + i);
          }
          assertEquals(memorySha, e.modelSha256());
          assertTrue(e.batchSensitive());
        }
      }
      try (Stream<Path> s = Files.list(dir)) {
        assertTrue(s.anyMatch(p -> p.toString().endsWith(".onnx")), "the cache was used");
      }
    } finally {
      if (before == null) {
        System.clearProperty(GraphCache.DIR_PROPERTY);
      } else {
        System.setProperty(GraphCache.DIR_PROPERTY, before);
      }
    }
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".part")).toList();
    }
  }
}
