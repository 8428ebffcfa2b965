package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.video.FrameFetcher;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.Keyframe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;

/**
 * Fetches the picked frames of one video in one pass of ascending seeks and writes each as JPEG
 * quality 95 (OpenCV {@code imencode}), upright, atomically, under
 * {@code frames/<video-id>/scene0001_pos0_frame000123_t4.92s.jpg} or
 * {@code frames/<video-id>/interval_0001_frame000123_t5.00s.jpg}.
 */
public final class KeyframeWriter {
  public static final int JPEG_QUALITY = 95;

  private KeyframeWriter() {}

  public static List<Keyframe> write(
      VideoInfo video, List<KeyframePlanner.Pick> picks, Path outputRoot, int threads)
      throws Exception {
    List<KeyframePlanner.Pick> sorted = new ArrayList<>(picks);
    sorted.sort(
        java.util.Comparator.comparingLong(KeyframePlanner.Pick::frame)
            .thenComparingInt(KeyframePlanner.Pick::sceneId)
            .thenComparingInt(KeyframePlanner.Pick::position));
    List<Double> times = new ArrayList<>(sorted.size());
    for (KeyframePlanner.Pick p : sorted) {
      times.add(p.time());
    }
    Keyframe[] out = new Keyframe[sorted.size()];
    try (IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY)) {
      FrameFetcher.fetch(
          video,
          times,
          threads,
          (i, frame) -> {
            KeyframePlanner.Pick p = sorted.get(i);
            String rel = relativePath(video.videoId(), p);
            byte[] jpeg;
            try (BytePointer buf = new BytePointer()) {
              if (!opencv_imgcodecs.imencode(".jpg", frame.full(), buf, params)) {
                throw new IllegalStateException("JPEG encoding failed for " + rel);
              }
              jpeg = new byte[(int) buf.limit()];
              buf.get(jpeg);
            }
            AtomicFiles.write(outputRoot.resolve(rel), jpeg);
            out[i] = new Keyframe(video.videoId(), p.sceneId(), p.position(), p.frame(), p.time(), rel);
          });
    }
    List<Keyframe> result = new ArrayList<>(List.of(out));
    result.sort(
        java.util.Comparator.comparingInt(Keyframe::sceneId)
            .thenComparingInt(Keyframe::position));
    return result;
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
