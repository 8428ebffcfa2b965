package dev.reelbeam.pipelines.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's choices and the archive's naming; the second JVM itself is exercised by the jar. */
class LauncherTest {

  @TempDir
  Path tmp;

  @Test
  void onlyAPipelineCommandWritesTheArchive() {
    assertTrue(Launcher.trains(new String[] {"stage1", "--input=x"}));
    assertTrue(Launcher.trains(new String[] {"run", "--input=x"}));
    assertFalse(Launcher.trains(new String[] {"run", "--help"}));
    assertFalse(Launcher.trains(new String[] {"query", "--output=x", "who?"}));
    assertFalse(Launcher.trains(new String[] {}));
  }

  @Test
  void theUsersOwnSharingFlagsWin() {
    assertTrue(Launcher.choseSharing(List.of("-Xmx1g", "-Xshare:off")));
    assertTrue(Launcher.choseSharing(List.of("-XX:SharedArchiveFile=/a.jsa")));
    assertFalse(Launcher.choseSharing(List.of("-Xmx1g", "-Dx=y")));
  }

  @Test
  void archiveNameFollowsTheJarAndItIsWrittenUnderItsOwnName() throws Exception {
    Path jar = Files.writeString(tmp.resolve("reelbeam.jar"), "jar");
    ClassDataArchive a = ClassDataArchive.of(tmp, jar);
    assertTrue(a.path().getFileName().toString().startsWith("reelbeam-"));
    assertEquals(List.of("-XX:ArchiveClassesAtExit=" + a.pending(7), "-Xlog:cds=off,cds+dynamic=off,cds+map=off"),
        a.jvmFlags(7));
    // a rebuilt jar (another size or time) gets another archive
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    assertNotEquals(a.path(), ClassDataArchive.of(tmp, jar).path());

    // a failed run's archive is dropped; a good one goes into place and is used from then on
    Files.writeString(a.pending(7), "partial");
    a.settle(7, false);
    assertFalse(Files.exists(a.pending(7)) || Files.exists(a.path()));
    Files.writeString(a.pending(8), "archive");
    a.settle(8, true);
    assertTrue(Files.isRegularFile(a.path()));
    assertEquals("-XX:SharedArchiveFile=" + a.path(), a.jvmFlags(9).get(0));
  }

  @Test
  void theFolderKeepsOnlyTheMostRecentlyUsedArchives() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cds"));
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    List<Path> olds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Path old = Files.writeString(dir.resolve("reelbeam-old" + i + ".jsa"), "archive");
      Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(3600L * (i + 1))));
      olds.add(old);
    }
    Path killedLongAgo = Files.writeString(dir.resolve(".tmp-1-reelbeam-x.jsa"), "partial");
    Files.setLastModifiedTime(killedLongAgo, FileTime.from(now.minusSeconds(3 * 86400)));
    Path writingNow = Files.writeString(dir.resolve(".tmp-2-reelbeam-y.jsa"), "partial");
    Files.setLastModifiedTime(writingNow, FileTime.from(now.minusSeconds(60)));
    Path other = Files.writeString(dir.resolve("notes.txt"), "not an archive");
    // the oldest archive is this jar's: being used, it becomes the newest and is kept
    Path jar = Files.writeString(tmp.resolve("reelbeam.jar"), "jar");
    ClassDataArchive mine = ClassDataArchive.of(dir, jar);
    Files.writeString(mine.path(), "archive");
    Files.setLastModifiedTime(mine.path(), FileTime.from(now.minusSeconds(86400)));
    mine.markUsed();

    mine.prune(now);

    assertTrue(Files.isRegularFile(mine.path()));
    for (int i = 0; i < 6; i++) {
      assertEquals(i < ClassDataArchive.KEPT - 1, Files.exists(olds.get(i)), olds.get(i).toString());
    }
    assertFalse(Files.exists(killedLongAgo));
    assertTrue(Files.exists(writingNow));
    assertTrue(Files.exists(other));
  }

  @Test
  void processFiguresLine() {
    String stat = "4242 (java (x) y) S 4200 4242 4200 0 -1 4194560 1000 0 0 0 2031 150 7 3 20 0 40 0 100 0 0";
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t 1048576 kB\nVmRSS:\t 900000 kB\n";
    assertEquals("reelbeam 4242 20.31 1.50 1048576", ProcessFigures.line("reelbeam", 4242, stat, status));
  }

  private static final List<String> SHORT =
      List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC");
  private static final List<String> FILM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  @Test
  void c1AloneAndTheSerialCollectorOnlyForShortJobs() throws Exception {
    Path small = folderWith("small", "clip.mp4", 1000);
    Path big = folderWith("big", "film.mp4", ShortJob.SMALL_INPUT_BYTES + 1);
    assertEquals(SHORT, ShortJob.flags(new String[] {"stage1", "--input=" + small}, List.of()));
    assertEquals(SHORT, ShortJob.flags(new String[] {"run", "--input=" + small.resolve("clip.mp4")}, List.of()));
    assertEquals(List.of(), ShortJob.flags(new String[] {"stage1", "--input=" + big}, List.of()));
    assertEquals(List.of(), ShortJob.flags(new String[] {"run", "--input=" + tmp}, List.of()), "small and big together");
    assertEquals(List.of(), ShortJob.flags(new String[] {"run", "--input=" + small, "--docs=" + big}, List.of()),
        "a large knowledge base is a long job");
    assertEquals(SHORT, ShortJob.flags(new String[] {"run", "--input=" + small, "--docs=" + small}, List.of()));
    assertEquals(List.of(), ShortJob.flags(new String[] {"stage1", "--input=" + small + "/*.mp4"}, List.of()), "a glob is not sized");
    assertEquals(List.of(), ShortJob.flags(new String[] {"stage1", "--input=hdfs://nn/films"}, List.of()));
    assertEquals(List.of(), ShortJob.flags(new String[] {"stage1"}, List.of()), "no input: let the command say so");
    assertEquals(List.of(), ShortJob.flags(new String[] {"stage3", "--docs=" + small}, List.of()));
    assertEquals(List.of(), ShortJob.flags(new String[] {"bench"}, List.of()));
    assertEquals(SHORT, ShortJob.flags(new String[] {"query", "--output=o", "who?"}, List.of()));
    assertEquals(SHORT, ShortJob.flags(new String[] {"run", "--help"}, List.of()));
    // the user's own JIT or collector wins
    assertEquals(ShortJob.GC, ShortJob.flags(new String[] {"query"}, List.of("-XX:TieredStopAtLevel=4")));
    assertEquals(ShortJob.SHORT_JIT, ShortJob.flags(new String[] {"query"}, List.of("-Xmx1g", "-XX:+UseParallelGC")));
    assertEquals(ShortJob.GC, ShortJob.flags(new String[] {"query"}, List.of("-XX:CICompilerCount=4")),
        "the user's own compiler threads: their JIT");
  }

  @Test
  void openBlasOnOneThreadOnlyForShortJobsWhoseUserLeftItsThreadsAlone() {
    assertEquals(Map.of("OPENBLAS_NUM_THREADS", "1"), ShortJob.environment(true, Map.of("HOME", "/h")));
    assertEquals(Map.of(), ShortJob.environment(false, Map.of("HOME", "/h")));
    assertEquals(Map.of(), ShortJob.environment(true, Map.of("OPENBLAS_NUM_THREADS", "4")));
    assertEquals(Map.of(), ShortJob.environment(true, Map.of("OMP_NUM_THREADS", "2")));
  }

  @Test
  void c1AloneAndTheSerialCollectorForPipelineCommandsOnFilms() throws Exception {
    Path small = folderWith("docs", "notes.md", 1000);
    Path big = folderWith("many-docs", "book.pdf", ShortJob.SMALL_INPUT_BYTES + 1);
    assertEquals(FILM, FilmJob.flags(new String[] {"stage1", "--input=/films/film.mp4"}, List.of()));
    assertEquals(FILM, FilmJob.flags(new String[] {"run", "--input=hdfs://nn/films", "--workers=2"}, List.of()));
    assertEquals(FILM, FilmJob.flags(new String[] {"stage2", "--input=/films/*.mp4"}, List.of()));
    assertEquals(FILM, FilmJob.flags(new String[] {"run", "--input=/films", "--docs=" + small}, List.of()));
    assertEquals(List.of(), FilmJob.flags(new String[] {"run", "--input=/films", "--docs=" + big}, List.of()),
        "a large knowledge base is Java's own work");
    assertEquals(List.of(), FilmJob.flags(new String[] {"stage3", "--docs=" + small}, List.of()));
    assertEquals(List.of(), FilmJob.flags(new String[] {"bench"}, List.of()));
    assertEquals(ShortJob.GC, FilmJob.flags(new String[] {"stage1", "--input=f.mp4"}, List.of("-XX:-TieredCompilation")));
    assertEquals(List.of(), FilmJob.flags(new String[] {"stage1", "--input=f.mp4"},
        List.of("-XX:TieredStopAtLevel=4", "-XX:+UseG1GC")), "the user's own flags win");
  }

  @Test
  void c1AloneAndTheSerialCollectorForStage3OfAnySize() throws Exception {
    Path big = folderWith("big-docs", "book.pdf", ShortJob.SMALL_INPUT_BYTES + 1);
    assertEquals(FILM, KnowledgeBaseJob.flags(new String[] {"stage3", "--docs=/kb", "--output=/out"}, List.of()));
    assertEquals(FILM, KnowledgeBaseJob.flags(new String[] {"stage3", "--docs=" + big, "--output=/out"}, List.of()),
        "the embedding is native code at any size");
    assertEquals(List.of(), KnowledgeBaseJob.flags(new String[] {"stage3", "--help"}, List.of()));
    assertEquals(List.of(), KnowledgeBaseJob.flags(new String[] {"run", "--input=/films"}, List.of()));
    assertEquals(List.of(), KnowledgeBaseJob.flags(new String[] {"bench-embeddings"}, List.of()));
    assertEquals(ShortJob.JIT, KnowledgeBaseJob.flags(new String[] {"stage3", "--docs=/kb"}, List.of("-XX:+UseG1GC")),
        "the user's own collector wins");
  }

  /** A folder under the test's temporary folder holding one file of {@code bytes} (sparse: no disk used). */
  private Path folderWith(String folder, String file, long bytes) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(folder));
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve(file).toFile(), "rw")) {
      f.setLength(bytes);
    }
    return dir;
  }
}
