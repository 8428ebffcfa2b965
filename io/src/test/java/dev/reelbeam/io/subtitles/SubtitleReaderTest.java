package dev.reelbeam.io.subtitles;

import static org.junit.jupiter.api.Assertions.*;

import dev.reelbeam.io.video.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sidecar and embedded text subtitles read through FFmpeg, and the bad files a person meets. */
class SubtitleReaderTest {
  private static final String SRT = """
      0
      00:00:01,000 --> 00:00:03,500
      <i>Under the greenwood tree</i>
      Who loves to lie with me &amp; sing

      1
      00:00:04,000 --> 00:00:06,000
      {\\b1}Come hither{\\b0}, come hither!

      2
      00:00:10,250 --> 00:00:12,000
      Here shall he see no enemy
      """;

  private static Path write(Path dir, String name, byte[] bytes) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private static SubtitleTrack sidecar(Path f) throws Exception {
    List<SidecarFiles.Sidecar> found = SidecarFiles.of(f.resolveSibling("film.mp4"));
    return SubtitleReader.sidecar(found.stream().filter(s -> s.file().equals(f)).findFirst().orElseThrow());
  }

  @Test
  void readsASidecarSrtWithTagsEntitiesAndCueNumbersFromZero(@TempDir Path dir) throws Exception {
    Path f = write(dir, "film.en.srt", SRT.getBytes(StandardCharsets.UTF_8));
    SubtitleTrack t = sidecar(f);
    assertEquals("ext-en", t.trackId());
    assertEquals("en", t.language());
    assertEquals(3, t.cues().size());
    assertEquals(new SubtitleCue(1000, 3500, "Under the greenwood tree\nWho loves to lie with me & sing"),
        t.cues().get(0));
    assertEquals("Come hither, come hither!", t.cues().get(1).text());
    assertEquals(10250, t.cues().get(2).startMs());
  }

  @Test
  void toleratesByteOrderMarksAndUtf16(@TempDir Path dir) throws Exception {
    byte[] utf8 = SRT.getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    assertEquals(3, sidecar(write(dir, "film.srt", bom)).cues().size());
    byte[] utf16 = ("\uFEFF" + SRT).getBytes(StandardCharsets.UTF_16LE);
    assertEquals("Come hither, come hither!",
        sidecar(write(dir, "film.fr.srt", utf16)).cues().get(1).text());
  }

  @Test
  void sortsUnorderedCuesAndSaysSo(@TempDir Path dir) throws Exception {
    String unordered = """
        1
        00:00:09,000 --> 00:00:10,000
        Second

        2
        00:00:02,000 --> 00:00:03,000
        First
        """;
    SubtitleTrack t = sidecar(write(dir, "film.srt", unordered.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("First", "Second"), t.cues().stream().map(SubtitleCue::text).toList());
  }

  @Test
  void badFilesGiveMessagesAPersonCanActOn(@TempDir Path dir) throws Exception {
    BadSubtitleException empty = assertThrows(BadSubtitleException.class,
        () -> sidecar(write(dir, "film.srt", new byte[0])));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

    byte[] latin1 = "1\n00:00:01,000 --> 00:00:02,000\nGar\u00e7on, caf\u00e9 cr\u00e8me\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    BadSubtitleException l1 = assertThrows(BadSubtitleException.class,
        () -> sidecar(write(dir, "film.de.srt", latin1)));
    assertTrue(l1.getMessage().contains("UTF-8"), l1.getMessage());

    byte[] noTimes = "1\n00:00:01 -> later\nNo valid timing here\n".getBytes(StandardCharsets.UTF_8);
    BadSubtitleException bad = assertThrows(BadSubtitleException.class,
        () -> sidecar(write(dir, "film.it.srt", noTimes)));
    assertTrue(bad.getMessage().contains("film.it.srt"), bad.getMessage());
  }

  @Test
  void findsSidecarsByBaseNameAndTellsOrphans(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("film.mp4"), new byte[] {0});
    write(dir, "film.srt", SRT.getBytes(StandardCharsets.UTF_8));
    write(dir, "film.pt-BR.vtt", "WEBVTT\n".getBytes(StandardCharsets.UTF_8));
    write(dir, "other.srt", SRT.getBytes(StandardCharsets.UTF_8));
    List<SidecarFiles.Sidecar> found = SidecarFiles.of(dir.resolve("film.mp4"));
    assertEquals(List.of("film.pt-BR.vtt", "film.srt"),
        found.stream().map(s -> s.file().getFileName().toString()).toList());
    assertEquals("pt-BR", found.get(0).language());
    assertTrue(SidecarFiles.hasVideo(dir.resolve("film.srt")));
    assertFalse(SidecarFiles.hasVideo(dir.resolve("other.srt")));
    // The same rule over names listed elsewhere (a remote folder's FileSystems.match).
    List<String> names = List.of("film.MP4", "film.pt-BR.vtt", "other.srt", "other.txt");
    assertTrue(SidecarFiles.hasVideo("film.pt-BR.vtt", names));
    assertFalse(SidecarFiles.hasVideo("other.srt", names));
    assertFalse(SidecarFiles.hasVideo("other.txt", List.of("other.mp4")), "not a subtitle file");
  }

  @Test
  void readsEmbeddedSubRipAssAndMovTextTracksWithTheirLanguage(@TempDir Path dir) throws Exception {
    Path srt = write(dir, "a.srt", SRT.getBytes(StandardCharsets.UTF_8));
    Path srt2 = write(dir, "b.srt", "1\n00:00:02,000 --> 00:00:04,000\nAll the world's a stage\n"
        .getBytes(StandardCharsets.UTF_8));
    Path webm = Path.of(TestMedia.clip("moviepy/big_buck_bunny_0_30.webm"));
    Path mkv = dir.resolve("film.mkv");
    SubtitleMuxer.mux(webm, List.of(new SubtitleMuxer.Input(srt, "eng", "English"),
        new SubtitleMuxer.Input(srt2, "fra", "")), "srt", mkv);
    List<String> errors = new ArrayList<>();
    List<SubtitleTrack> tracks = SubtitleReader.embedded(mkv, errors);
    assertEquals(List.of(), errors);
    assertEquals(2, tracks.size());
    assertEquals("eng", tracks.get(0).language());
    assertEquals("English", tracks.get(0).title());
    assertEquals("subrip", tracks.get(0).codec());
    // Times count from the video stream's start (3 ms in this WebM), as scene times do.
    List<SubtitleCue> expected = SubtitleReader.sidecar(SidecarFiles.of(dir.resolve("a.mp4")).get(0)).cues();
    assertEquals(expected.size(), tracks.get(0).cues().size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).text(), tracks.get(0).cues().get(i).text());
      assertEquals(expected.get(i).startMs(), tracks.get(0).cues().get(i).startMs(), 5);
      assertEquals(expected.get(i).endMs(), tracks.get(0).cues().get(i).endMs(), 5);
    }
    assertEquals("All the world's a stage", tracks.get(1).cues().get(0).text());

    Path ass = dir.resolve("film_ass.mkv");
    SubtitleMuxer.mux(webm, List.of(new SubtitleMuxer.Input(srt, "eng", "")), "ass", ass);
    SubtitleTrack a = SubtitleReader.embedded(ass, errors).get(0);
    assertEquals("ass", a.codec());
    assertEquals("Come hither, come hither!", a.cues().get(1).text());

    Path mp4 = dir.resolve("film.mp4");
    SubtitleMuxer.ffmpeg(List.of("-v", "error", "-y", "-i", TestMedia.clip("pyscenedetect/testvideo.mp4"),
        "-i", srt.toString(), "-map", "0:v", "-map", "1:0", "-c:v", "copy", "-c:s", "mov_text",
        "-metadata:s:s:0", "language=eng", mp4.toString()));
    SubtitleTrack m = SubtitleReader.embedded(mp4, errors).get(0);
    assertEquals("mov_text", m.codec());
    assertEquals(3, m.cues().size());
    assertEquals(List.of(), errors);
  }
}
