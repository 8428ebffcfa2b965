package dev.reelbeam.transforms.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.scenes.Media;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video's sidecar subtitles are part of its input: the manifest records them with the video's
 * fingerprint (taken by the probe), and {@code --resume} redoes a video whose sidecar changed,
 * appeared or went, and skips it while they stay as they were.
 */
class SidecarResumeTest {
  @TempDir Path dir;

  @Test
  void aChangedAddedOrRemovedSidecarRedoesTheVideo() throws Exception {
    Path video = dir.resolve("in/clip.webm");
    Files.createDirectories(video.getParent());
    Files.copy(Path.of(Media.clip("moviepy/big_buck_bunny_432_433.webm")), video);
    Path srt = video.resolveSibling("clip.en.srt");
    Files.writeString(srt, "1\n00:00:00,000 --> 00:00:00,500\nHello.\n");
    Path out = dir.resolve("out");
    String input = video.toString();

    VideoInfo info = VideoProbe.probe(input);
    assertTrue(info.fingerprint().startsWith(Fingerprint.of(video) + ";sidecars:"), info.fingerprint());
    writeManifest(out, info);
    assertTrue(matches(out, input), "nothing changed: skipped");

    // Same length, new words, a later time: the subtitles changed.
    Files.writeString(srt, "1\n00:00:00,000 --> 00:00:00,500\nHallo.\n");
    Files.setLastModifiedTime(srt, FileTime.fromMillis(Files.getLastModifiedTime(srt).toMillis() + 2000));
    assertFalse(matches(out, input), "a changed sidecar: redone");

    writeManifest(out, VideoProbe.probe(input));
    assertTrue(matches(out, input));
    Path vtt = video.resolveSibling("clip.fr.vtt");
    Files.writeString(vtt, "WEBVTT\n\n00:00.000 --> 00:00.500\nBonjour.\n");
    assertFalse(matches(out, input), "a new sidecar: redone");
    // A subtitle file of another video in the same folder is not this video's.
    Files.delete(vtt);
    Files.writeString(video.resolveSibling("other.srt"), "1\n00:00:00,000 --> 00:00:01,000\nNo.\n");
    assertTrue(matches(out, input), "another video's sidecar changes nothing");

    Files.delete(srt);
    assertFalse(matches(out, input), "a removed sidecar: redone");
    VideoInfo bare = VideoProbe.probe(input);
    assertEquals(Fingerprint.of(video), bare.fingerprint(), "no sidecar: the fingerprint as before");
  }

  private static boolean matches(Path out, String input) {
    return VideoManifest.matches(out.toString(), "clip", input, PARAMETERS, Set.of(Branches.SUBTITLES),
        OutputLayout.VERSION).isPresent();
  }

  private static final SortedMap<String, String> PARAMETERS = new TreeMap<>(Map.of("threshold", "27.0"));

  private static void writeManifest(Path out, VideoInfo info) throws Exception {
    OutputStore.at(out.toString()).write(OutputLayout.manifest("clip"),
        VideoManifest.render("clip", info.path(), info.fingerprint(), OutputLayout.VERSION, PARAMETERS,
            Map.of(Branches.SUBTITLES, new OutputPart("clip", Branches.SUBTITLES, List.of(), 0, ""))));
  }
}
