package dev.reelbeam.io.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two stores do the same thing: {@link LocalOutputStore} with java.nio, {@link BeamOutputStore}
 * through Beam's FileSystems (here on Beam's own local filesystem, the code path HDFS and object
 * stores take; HdfsInputTest runs it on a real HDFS). The same operations leave the same files.
 */
class OutputStoreTest {

  @TempDir Path tmp;

  @Test
  void aPathIsLocalAndAUriGoesThroughBeam() {
    assertInstanceOf(LocalOutputStore.class, OutputStore.at("/data/out"));
    assertInstanceOf(LocalOutputStore.class, OutputStore.at("relative/out"));
    assertInstanceOf(LocalOutputStore.class, OutputStore.at("file:///data/out"));
    assertEquals("/data/out", OutputStore.at("file:///data/out").root());
    assertInstanceOf(BeamOutputStore.class, OutputStore.at("hdfs://nn:8020/out"));
    assertInstanceOf(BeamOutputStore.class, OutputStore.at("s3://bucket/out/"));
    assertEquals("s3://bucket/out/frames/a.jpg", OutputStore.at("s3://bucket/out/").location("frames/a.jpg"));
    assertTrue(OutputStore.at("/data/out").isLocal());
    assertFalse(OutputStore.at("gs://b/out").isLocal());
  }

  @Test
  void bothStoresLeaveTheSameFiles() throws IOException {
    Path local = tmp.resolve("local");
    Path beam = tmp.resolve("beam");
    exercise(new LocalOutputStore(local.toString()));
    // Beam's local filesystem takes plain paths (a file:// URI would be read as a relative path).
    exercise(new BeamOutputStore(beam.toString()));
    assertEquals(tree(local), tree(beam));
    assertEquals(List.of("analysis/scenes/v_scenes.json", "audio/v.wav", "frames/v/scene0001.jpg",
        "frames/v/scene0002.jpg"), List.copyOf(tree(beam).keySet()));
  }

  /** Every operation a writer uses; checks what each store answers on the way. */
  private static void exercise(OutputStore s) throws IOException {
    byte[] json = "{\"scenes\":1}\n".getBytes(StandardCharsets.UTF_8);
    s.write("analysis/scenes/v_scenes.json", json);
    assertTrue(s.isFile("analysis/scenes/v_scenes.json"));
    assertFalse(s.isFile("analysis/scenes/none.json"));
    assertArrayEquals(json, s.read("analysis/scenes/v_scenes.json"));
    assertFalse(s.writeIfChanged("analysis/scenes/v_scenes.json", json), "unchanged: not written");
    assertTrue(s.writeIfChanged("analysis/scenes/v_scenes.json", "{\"scenes\":2}\n".getBytes(StandardCharsets.UTF_8)));

    // A staged frame becomes an output by a rename; another is left and removed by listing.
    s.stage("frames/v/.tmp-capture-1.jpg", new byte[] {1, 2, 3});
    s.stage("frames/v/.tmp-capture-2.jpg", new byte[] {4});
    s.commit("frames/v/.tmp-capture-1.jpg", "frames/v/scene0001.jpg");
    s.write("frames/v/scene0002.jpg", s.read("frames/v/scene0001.jpg"));
    assertEquals(List.of(".tmp-capture-2.jpg"), s.list("frames/v", ".tmp-capture-*"));
    assertEquals(List.of(), s.list("frames/none", "*"));
    try (OutputStore.LocalCopy copy = s.localCopy("frames/v/scene0001.jpg")) {
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(copy.path()));
    }

    // A writer that needs a path: the file does not exist yet, and becomes the output whole.
    s.writeFromLocal("audio/v.wav", f -> {
      assertFalse(Files.exists(f));
      Files.write(f, new byte[] {'R', 'I', 'F', 'F'});
    });
    s.write("audio/old.wav", new byte[] {0});
    assertTrue(s.delete("audio/old.wav"));
    assertFalse(s.delete("audio/old.wav"));

    // An interrupted write's leftovers, anywhere in the layout, are removed at the next start.
    s.write(".tmp-x-dataset_index.json", new byte[] {0});
    assertEquals(2, s.removeTemporaries(), "the staged frame and the top-level leftover");
    assertEquals(List.of(), s.list("frames/v", ".tmp-*"));
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(f).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
      }
    }
    return files;
  }
}
