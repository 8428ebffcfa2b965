package dev.reelbeam.transforms.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.DocumentReader;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import dev.reelbeam.transforms.embed.SharedFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  /** Words plus [CLS] and [SEP]: close enough to WordPiece for English prose. */
  static final TokenCounter WORDS = t -> t.split("\\s+").length + 2;

  static Document doc(String path, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new DocumentReader().read(new ByteArrayInputStream(b), path, b.length);
  }

  static String play() throws Exception {
    return Files.readString(SharedFiles.root().resolve("text/asyoulik.txt"), StandardCharsets.US_ASCII);
  }

  @Test
  void chunksRespectSizeSentencesAndOverlap() throws Exception {
    Document d = doc("play.txt", play().substring(3000, 20000));
    List<Chunk> chunks = new Chunker(512, 50, 512, WORDS).chunk(d);
    assertTrue(chunks.size() > 20, "chunks: " + chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertEquals(i, c.ordinal());
      assertTrue(c.text().length() <= 512, "chunk " + i + " has " + c.text().length() + " chars");
      assertTrue(c.text().length() >= 100 || i == chunks.size() - 1, "tiny chunk " + i + ": " + c.text());
      if (i > 0) {
        // The next chunk starts with whole words from the end of this one (at most 50 chars).
        String prev = chunks.get(i - 1).text();
        String head = c.text().substring(0, Math.min(20, c.text().length()));
        int at = prev.lastIndexOf(head);
        assertTrue(at >= prev.length() - 50, "chunk " + i + " does not overlap the previous end");
      }
    }
  }

  @Test
  void headingsTitleAndMetadataTravelWithEachChunk() throws Exception {
    Document d = doc("characters/frank.md",
        "---\nspecies: flying squirrel\n---\n# Frank\n\n## Looks\n\nBrown fur. Skin flaps.\n\n"
            + "## Temper\n\n" + "He is mean. ".repeat(80));
    List<Chunk> chunks = new Chunker(200, 20, 512, WORDS).chunk(d);
    assertEquals(List.of("Frank", "Looks"), chunks.get(0).headings());
    assertEquals("Brown fur. Skin flaps.", chunks.get(0).text());
    assertTrue(chunks.size() > 3);
    for (Chunk c : chunks.subList(1, chunks.size())) {
      assertEquals(List.of("Frank", "Temper"), c.headings());
      assertEquals("flying squirrel", c.metadata().get("species"));
      assertTrue(c.embeddingText().startsWith("Frank > Temper\n\n"), c.embeddingText());
    }
  }

  @Test
  void idsAreStableAndOnlyChangedChunksChange() throws Exception {
    String a = "First paragraph about the meadow. It is sunny.\n\n"
        + "Second paragraph about the rabbit. He is big.\n\nThird paragraph about the bullies.";
    Chunker chunker = new Chunker(64, 0, 512, WORDS);
    List<Chunk> one = chunker.chunk(doc("d.md", a));
    List<Chunk> two = chunker.chunk(doc("d.md", a.replace("\n", "\r\n")));
    assertEquals(one, two);
    List<Chunk> changed = chunker.chunk(doc("d.md", a.replace("He is big.", "He is huge.")));
    Set<String> before = new HashSet<>();
    one.forEach(c -> before.add(c.chunkId()));
    long same = changed.stream().filter(c -> before.contains(c.chunkId())).count();
    assertEquals(one.size() - 1, same);
    assertNotEquals(one.get(0).chunkId(), chunker.chunk(doc("other.md", a)).get(0).chunkId(),
        "the path is part of the id");
  }

  @Test
  void longSentencesSplitAtWordsAndGiantWordsAreCut() {
    String words = "word ".repeat(100).strip();
    for (String piece : Chunker.splitLong(words, 64)) {
      assertTrue(piece.length() <= 64 && !piece.startsWith(" ") && piece.endsWith("word"));
    }
    List<String> cut = Chunker.splitLong("x".repeat(150), 64);
    assertEquals(List.of(64, 64, 22), cut.stream().map(String::length).toList());
  }

  @Test
  void neverPastTheModelsTokenLimit() throws Exception {
    Embedder e = Embedder.shared(EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 1);
    // Elizabethan English tokenizes into many word pieces: 512 characters is well over 48 tokens.
    Chunker chunker = new Chunker(512, 50, 48, e::countTokens);
    List<Chunk> chunks = chunker.chunk(doc("play.txt", play().substring(3000, 9000)));
    for (Chunk c : chunks) {
      assertTrue(c.tokens() <= 48, c.tokens() + " tokens: " + c.embeddingText());
      assertEquals(e.countTokens(c.embeddingText()), c.tokens());
    }
    assertTrue(chunks.size() > 6000 / 512 * 2, "split further than the character budget alone");
  }

  @Test
  void invalidSettingsFailAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new Chunker(16, 0, 512, WORDS));
    assertThrows(IllegalArgumentException.class, () -> new Chunker(512, 300, 512, WORDS));
    assertThrows(IllegalArgumentException.class, () -> new Chunker(512, 50, 2, WORDS));
  }
}
