package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.model.ErrorRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReadDocuments on a local folder, through Beam's FileIO: the documents beneath it by their paths
 * under it (hidden files and folders, interrupted writes, other formats and a sibling folder left
 * out), and the bad ones as error records; and the path rules a remote folder is read with.
 */
class ReadDocumentsTest {
  @RegisterExtension final transient TestPipelineExtension ext = TestPipelineExtension.create();
  @TempDir Path tmp;

  @Test
  void readsALocalFolderByPathsUnderIt(TestPipeline p) throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    write(docs.resolve("film.md"), "# Film\n\nA rabbit wakes up.\n");
    write(docs.resolve("cast/frank.txt"), "Frank is a flying squirrel.\n");
    write(docs.resolve("cast/notes.json"), "{\"composer\": \"Jan Morgenstern\"}");
    // Not documents: hidden, half-written, another format, a sibling folder the pattern must not reach.
    write(docs.resolve(".hidden.md"), "hidden\n");
    write(docs.resolve(".git/HEAD.md"), "hidden folder\n");
    write(docs.resolve(".tmp-film.md"), "an interrupted write\n");
    write(docs.resolve("cast/poster.png"), "not a document\n");
    write(tmp.resolve("docs2/other.md"), "beside the folder, not in it\n");
    // Bad documents: one record each, the rest go on.
    write(docs.resolve("bad/empty.txt"), "");
    write(docs.resolve("bad/broken.json"), "{\"name\": ");

    ReadDocuments.Result r = p.apply(ReadDocuments.from(docs.toString()));
    byte[] film = Files.readAllBytes(docs.resolve("film.md"));
    String filmSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(film));
    PAssert.that(r.documents()).satisfies(ds -> {
      Map<String, Document> byPath = new TreeMap<>();
      ds.forEach(d -> byPath.put(d.path(), d));
      assertEquals(java.util.Set.of("film.md", "cast/frank.txt", "cast/notes.json"), byPath.keySet());
      assertEquals(filmSha, byPath.get("film.md").sha256(), "the file's own bytes");
      assertEquals(film.length, byPath.get("film.md").bytes());
      assertEquals("markdown", byPath.get("film.md").format());
      return null;
    });
    String root = docs.toAbsolutePath().normalize().toString();
    PAssert.that(r.errors()).satisfies(es -> {
      Map<String, ErrorRecord> byInput = new TreeMap<>();
      es.forEach(e -> byInput.put(e.input(), e));
      assertEquals(java.util.Set.of(root + "/bad/empty.txt", root + "/bad/broken.json"), byInput.keySet());
      for (ErrorRecord e : byInput.values()) {
        String rel = e.input().substring(root.length() + 1);
        assertEquals(ReadDocuments.STAGE, e.stage());
        assertEquals(VideoId.of(rel), e.id());
        assertTrue(e.message().startsWith(rel + ": "), e.message());
        assertTrue(e.stackTrace().contains("DocumentReader"), e.stackTrace());
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void remoteFoldersAreComparedByTheirPaths() {
    assertEquals("hdfs://nn:8020/docs", DocumentsRoot.normalize("hdfs://nn:8020/docs/"));
    assertEquals("hdfs://nn:8020/docs**", DocumentsRoot.pattern("hdfs://nn:8020/docs"));
    assertEquals("sub/a.md", DocumentsRoot.relative("hdfs://nn:8020/docs", "hdfs://nn:8020/docs/sub/a.md"));
    // A root without the NameNode (the configured default) and the fully qualified paths Hadoop lists.
    assertEquals("a.md", DocumentsRoot.relative("hdfs:///docs", "hdfs://nn:8020/docs/a.md"));
    // Names are decoded: the same id as the local file "my notes.md".
    assertEquals("my notes.md", DocumentsRoot.relative("hdfs://nn:8020/docs", "hdfs://nn:8020/docs/my%20notes.md"));
    // "docs**" also matches the sibling folder docs2: not beneath the root.
    assertNull(DocumentsRoot.relative("hdfs://nn:8020/docs", "hdfs://nn:8020/docs2/a.md"));
    assertNull(DocumentsRoot.relative("s3://bucket/docs", "s3://bucket/docs"));
  }

  @Test
  void localFoldersAreAbsoluteAndChecked() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("d"));
    assertEquals(docs.toString(), DocumentsRoot.normalize(docs.toUri().toString()));
    assertEquals(Path.of("x").toAbsolutePath().toString(), DocumentsRoot.normalize("./x/"));
    assertEquals(docs + "/**", DocumentsRoot.pattern(docs.toString()));
    assertEquals("a/b.md", DocumentsRoot.relative(docs.toString(), docs + "/a/b.md"));
    DocumentsRoot.check(docs.toString());
    write(docs.resolve("f.md"), "text\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DocumentsRoot.check(docs.resolve("f.md").toString()));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  private static void write(Path f, String text) throws Exception {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }
}
