package dev.reelbeam.io.lucene;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An update writes only the documents that changed, and nothing at all when none did. */
class KnowledgeBaseUpdateTest {
  private static final Map<String, String> COMMIT = Map.of("model_sha256", "m", "chunker", "c");

  private static IndexedChunk chunk(String doc, String sha, int ordinal, String text) {
    float[] v = new float[8];
    v[(doc.hashCode() + ordinal) & 7] = 1f;
    return new IndexedChunk(doc + "#" + ordinal + sha, doc.replace('/', '_'), doc, ordinal, "T " + doc,
        "A > B", text, "{}", v, sha, 12, List.of("A", "B"));
  }

  private static List<IndexedChunk> corpus(String shaOfB) {
    List<IndexedChunk> all = new ArrayList<>();
    for (String d : List.of("a.md", "b.md", "c.md")) {
      String sha = d.equals("b.md") ? shaOfB : "s-" + d;
      for (int i = 0; i < 3; i++) {
        all.add(chunk(d, sha, i, d + " text " + i + " " + sha));
      }
    }
    return all;
  }

  private static Set<String> segmentsFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return Set.copyOf(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void unchangedDocumentsAreNotWrittenAgain(@TempDir Path dir) throws Exception {
    KnowledgeBaseWriter.Update first = KnowledgeBaseWriter.update(dir, corpus("v1"), true, COMMIT);
    assertTrue(first.committed());
    Set<String> before = segmentsFiles(dir);

    KnowledgeBaseWriter.Update same = KnowledgeBaseWriter.update(dir, corpus("v1"), true, COMMIT);
    assertFalse(same.committed());
    assertEquals(first.commitData(), same.commitData());
    assertEquals(before, segmentsFiles(dir), "no commit: the index keeps its files");

    KnowledgeBaseWriter.Update changed = KnowledgeBaseWriter.update(dir, corpus("v2"), true, COMMIT);
    assertTrue(changed.committed());
    assertEquals(3, changed.chunksWritten(), "only b.md's chunks");
    try (KnowledgeBase kb = KnowledgeBase.openIfExists(dir).orElseThrow()) {
      assertEquals(9, kb.size());
      assertEquals(Set.copyOf(corpus("v2").stream().map(IndexedChunk::chunkId).toList()), kb.chunkIds());
      assertEquals(List.of(), kb.chunksOf("b.md", "v1"));
      List<IndexedChunk> b = kb.chunksOf("b.md", "v2");
      assertEquals(corpus("v2").subList(3, 6), b);
      assertEquals(KnowledgeBaseWriter.chunkIdsSha256(corpus("v2")),
          kb.commitData().get(KnowledgeBaseFields.COMMIT_CHUNK_IDS_SHA256));
    }

    // A document removed; then another model: the index is rebuilt from scratch.
    List<IndexedChunk> fewer = corpus("v2").subList(0, 6);
    assertEquals(0, KnowledgeBaseWriter.update(dir, fewer, true, COMMIT).chunksWritten());
    KnowledgeBaseWriter.Update rebuilt =
        KnowledgeBaseWriter.update(dir, fewer, true, Map.of("model_sha256", "other", "chunker", "c"));
    assertEquals(6, rebuilt.chunksWritten());
    try (KnowledgeBase kb = KnowledgeBase.openIfExists(dir).orElseThrow()) {
      assertEquals(6, kb.size());
      assertEquals(List.of(), kb.chunksOf("c.md", "s-c.md"));
    }
  }
}
