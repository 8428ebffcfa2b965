package dev.reelbeam.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example job as a user would, on a shared clip and a file that is not a video. */
class CutListJobTest {

  private static final Path CLIP =
      Path.of(System.getProperty("reelbeam.shared", "../../shared"), "media", "pyscenedetect", "goldeneye-vfr-drop3.mp4");

  @Test
  void writesTheCutListOfEachVideoAndALineForEachBadInput(@TempDir Path tmp) throws IOException {
    assertTrue(Files.isRegularFile(CLIP), "shared clip missing: " + CLIP);
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(CLIP, in.resolve("goldeneye.mp4"));
    Files.writeString(in.resolve("notes.mp4"), "not a video");
    Path out = tmp.resolve("out");

    // The Direct runner's mutation check re-encodes every element and logs those whose coder has
    // no value equality (arrays inside records): off, as ReelBeam's own launcher sets it.
    CutListJob.main(new String[] {"--input=" + in + "/*.mp4", "--output=" + out, "--runner=DirectRunner",
        "--enforceImmutability=false"});

    List<Path> lists;
    try (Stream<Path> s = Files.list(out)) {
      lists = s.filter(p -> p.getFileName().toString().endsWith(".cuts.csv")).toList();
    }
    assertEquals(1, lists.size(), "one cut list: " + lists);
    assertTrue(lists.get(0).getFileName().toString().startsWith("goldeneye_"), lists.toString());
    List<String> rows = Files.readAllLines(lists.get(0), StandardCharsets.UTF_8);
    assertEquals("scene,start_frame,end_frame,start_seconds,end_seconds", rows.get(0));
    // PySceneDetect's ContentDetector cuts this clip at decoded frames 60 and 140 (3.754 s, 8.759 s).
    assertEquals(List.of("1", "2", "3"), rows.stream().skip(1).map(r -> r.split(",")[0]).toList());
    assertTrue(rows.get(2).startsWith("2,60,140,3.754,8.759"), rows.get(2));
    assertTrue(rows.get(3).startsWith("3,140,"), rows.get(3));

    List<String> errors = Files.readAllLines(out.resolve("errors.txt"), StandardCharsets.UTF_8);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(in.resolve("notes.mp4") + "\tprobe\t"), errors.get(0));
  }
}
