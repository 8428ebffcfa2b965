package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.video.FrameFetcher;
import dev.reelbeam.io.video.JpegEncoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.Keyframe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the picked frames of one video: those the decode pass staged ({@link StagedKeyframes}) by
 * renaming them, the others fetched in one pass of ascending seeks; each a JPEG
 * quality 95 (OpenCV {@code imencode}), upright, atomically, under
 * {@code frames/<video-id>/scene0001_pos0_frame000123_t4.92s.jpg} or
 * {@code frames/<video-id>/interval_0001_frame000123_t5.00s.jpg}.
 */
public final class KeyframeWriter {
  public static final int JPEG_QUALITY = 95;

  private KeyframeWriter() {}

  /**
   * What {@link #write} wrote.
   *
   * @param frames the keyframes, by scene and position (interval: by sequence number), with the
   *     duplicates {@code --dedup} did not write (null path)
   * @param fromDecode how many of them the decode pass had staged (renamed, not sought)
   * @param bySeeking how many were fetched by seeking
   */
  public record Written(List<Keyframe> frames, int fromDecode, int bySeeking) {}

  public static Written write(
      VideoInfo video, List<KeyframePlanner.Pick> picks, Path outputRoot, int threads)
      throws Exception {
    return write(video, picks, OutputStore.at(outputRoot.toString()), threads);
  }

  /** {@link #write(VideoInfo, List, Path, int)} into an output store on any filesystem. */
  public static Written write(
      VideoInfo video, List<KeyframePlanner.Pick> picks, OutputStore outputRoot, int threads)
      throws Exception {
    List<KeyframePlanner.Pick> sorted = new ArrayList<>(picks);
    sorted.sort(
        java.util.Comparator.comparingLong(KeyframePlanner.Pick::frame)
            .thenComparingInt(KeyframePlanner.Pick::sceneId)
            .thenComparingInt(KeyframePlanner.Pick::position));
    Keyframe[] out = new Keyframe[sorted.size()];
    // Frames the decode pass staged become outputs by a rename (a copy when two picks share one).
    List<Integer> toFetch = new ArrayList<>();
    int unwritten = 0;
    for (int i = 0; i < sorted.size(); i++) {
      KeyframePlanner.Pick p = sorted.get(i);
      if (!p.write()) {
        out[i] = keyframe(video, p, null); // a duplicate --dedup lists without writing
        unwritten++;
        continue;
      }
      String staged = StagedKeyframes.relativePath(video, p.time());
      if (!outputRoot.isFile(staged)) {
        toFetch.add(i);
        continue;
      }
      String rel = relativePath(video.videoId(), p);
      boolean usedAgain = false;
      for (int k = i + 1; k < sorted.size() && sorted.get(k).frame() == p.frame(); k++) {
        usedAgain |= sorted.get(k).write();
      }
      if (usedAgain) {
        outputRoot.write(rel, outputRoot.read(staged));
      } else {
        outputRoot.commit(staged, rel);
      }
      out[i] = keyframe(video, p, rel);
    }
    List<Double> times = new ArrayList<>(toFetch.size());
    for (int i : toFetch) {
      times.add(sorted.get(i).time());
    }
    try (JpegEncoder jpeg = new JpegEncoder(JPEG_QUALITY)) {
      FrameFetcher.fetch(
          video,
          times,
          threads,
          (k, frame) -> {
            int i = toFetch.get(k);
            KeyframePlanner.Pick p = sorted.get(i);
            String rel = relativePath(video.videoId(), p);
            outputRoot.write(rel, jpeg.encode(frame.full()));
            out[i] = keyframe(video, p, rel);
          });
    }
    List<Keyframe> result = new ArrayList<>(List.of(out));
    result.sort(
        java.util.Comparator.comparingInt(Keyframe::sceneId)
            .thenComparingInt(Keyframe::position));
    return new Written(result, sorted.size() - toFetch.size() - unwritten, toFetch.size());
  }

  private static Keyframe keyframe(VideoInfo video, KeyframePlanner.Pick p, String rel) {
    return new Keyframe(video.videoId(), p.sceneId(), p.position(), p.frame(), p.time(), rel,
        p.quality(), p.duplicateOf());
  }

  /** The output path of a pick, relative to the output root, '/'-separated. */
  public static String relativePath(String videoId, KeyframePlanner.Pick p) {
    String name =
        p.sceneId() > 0
            ? String.format(
                Locale.ROOT, "scene%04d_pos%d_frame%06d_t%.2fs.jpg", p.sceneId(), p.position(), p.frame(), p.time())
            : String.format(
                Locale.ROOT, "interval_%04d_frame%06d_t%.2fs.jpg", p.position(), p.frame(), p.time());
    return "frames/" + videoId + "/" + name;
  }
}
