package dev.reelbeam.io.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.lucene.PublishedIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing an index folder through Beam's FileSystems (Beam's local filesystem here, the code
 * path of HDFS and object stores; FlinkHdfsIT runs it on a real HDFS) and reading it back.
 */
class PublishedIndexTest {

  @TempDir Path tmp;

  @Test
  void publishesWithTheMarkerLastAndReadsBackACachedVerifiedCopy() throws IOException {
    Path local = Files.createDirectories(tmp.resolve("local"));
    write(local, "_0.cfs", "segment zero");
    write(local, "segments_1", "commit one");
    write(local, "write.lock", "");
    OutputStore out = new BeamOutputStore(tmp.resolve("out").toString());
    PublishedIndex.publish(local, out, "rag/knowledge_base");
    BeamOutputStore remote = new BeamOutputStore(out.location("rag/knowledge_base"));
    assertEquals(List.of("_0.cfs", PublishedIndex.MARKER, "segments_1"), remote.list("", "*"));

    Path copy = PublishedIndex.localCopy(remote).orElseThrow();
    assertEquals(List.of("_0.cfs", "segments_1"), names(copy));
    assertArrayEquals(Files.readAllBytes(local.resolve("_0.cfs")), Files.readAllBytes(copy.resolve("_0.cfs")));
    assertEquals(copy, PublishedIndex.localCopy(remote).orElseThrow(), "the same publication is copied once");

    // A new commit: one new segment, the old commit file gone; unchanged files are not rewritten.
    long before = Files.getLastModifiedTime(tmp.resolve("out/rag/knowledge_base/_0.cfs")).toMillis();
    Files.setLastModifiedTime(tmp.resolve("out/rag/knowledge_base/_0.cfs"),
        java.nio.file.attribute.FileTime.fromMillis(before - 60_000));
    Files.delete(local.resolve("segments_1"));
    write(local, "_1.cfs", "segment one");
    write(local, "segments_2", "commit two");
    PublishedIndex.publish(local, out, "rag/knowledge_base");
    assertEquals(List.of("_0.cfs", "_1.cfs", PublishedIndex.MARKER, "segments_2"), remote.list("", "*"));
    assertEquals(before - 60_000, Files.getLastModifiedTime(tmp.resolve("out/rag/knowledge_base/_0.cfs")).toMillis());
    Path second = PublishedIndex.localCopy(remote).orElseThrow();
    assertNotEquals(copy, second);
    assertEquals(List.of("_0.cfs", "_1.cfs", "segments_2"), names(second));
    assertFalse(Files.exists(copy), "the earlier publication's copy is removed");

    // Publishing begins by removing the marker: interrupted there, nothing looks finished.
    PublishedIndex.unpublish(out, "rag/knowledge_base");
    assertTrue(PublishedIndex.localCopy(remote).isEmpty());
    PublishedIndex.publish(local, out, "rag/knowledge_base");

    // A file that does not match the marker (republished while copying) is refused.
    write(tmp.resolve("out/rag/knowledge_base"), "_1.cfs", "segment ONE");
    TempFolders.deleteTree(second);
    assertThrows(IOException.class, () -> PublishedIndex.localCopy(remote));
  }

  /**
   * Readers on one machine copying the same publication at once (two TaskManagers' setups, a
   * query): each gets the one verified copy; the one whose rename comes second uses the first's
   * instead of failing (Linux reports that rename as ENOTEMPTY, a plain FileSystemException).
   */
  @Test
  void readersCopyingOnePublicationAtOnceShareOneCopy() throws Exception {
    Path local = Files.createDirectories(tmp.resolve("local-race"));
    for (int i = 0; i < 20; i++) {
      write(local, "_" + i + ".cfs", "segment " + i);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 5; round++) {
        write(local, "segments_" + round, "commit " + round);
        OutputStore out = new BeamOutputStore(tmp.resolve("race").toString());
        PublishedIndex.publish(local, out, "kb");
        BeamOutputStore remote = new BeamOutputStore(out.location("kb"));
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Path>> copies = new java.util.ArrayList<>();
        for (int r = 0; r < 6; r++) {
          copies.add(pool.submit(() -> {
            go.await();
            return PublishedIndex.localCopy(remote).orElseThrow();
          }));
        }
        go.countDown();
        Path first = copies.get(0).get();
        for (java.util.concurrent.Future<Path> c : copies) {
          assertEquals(first, c.get(), "one copy per publication");
        }
        assertTrue(names(first).contains("segments_" + round), names(first).toString());
        Files.delete(local.resolve("segments_" + round));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
