package dev.reelbeam.pipelines;

import dev.reelbeam.io.video.FFmpegSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * The bench's cold-start clip: the first second of a film, its packets copied as they are (as
 * {@code ffmpeg -t 1 -i film -c copy clip.mp4} does), so that a cold {@code stage1} on it is all
 * start-up and almost no decode. Cached beside the film.
 */
final class ColdClip {

  static final double SECONDS = 1.0;

  private ColdClip() {}

  /** The clip's path for {@code film}: {@code <film name>.first1s.mp4} beside it. */
  static Path pathFor(Path film) {
    String name = film.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return film.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".first1s.mp4");
  }

  /** The clip of {@code film}, cut when it is not cached. */
  static Path of(Path film) throws Exception {
    Path clip = pathFor(film);
    if (!Files.isRegularFile(clip)) {
      cut(film, clip, SECONDS);
    }
    return clip;
  }

  /**
   * Copies the packets of {@code film} that start before {@code seconds} into an MP4, atomically.
   * Video is cut in decode order (every packet decoded before the first one at or after the cut), so
   * no kept B-frame loses a reference; audio by its presentation time.
   */
  static void cut(Path film, Path clip, double seconds) throws Exception {
    Path tmp = clip.resolveSibling(".tmp-" + clip.getFileName());
    Files.deleteIfExists(tmp);
    FFmpegSupport.quietLogs();
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(film.toFile())) {
      g.start();
      int video = g.getVideoStream();
      try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), g.getImageWidth(), g.getImageHeight(),
          g.getAudioChannels())) {
        r.setFormat("mp4");
        r.start(g.getFormatContext());
        boolean videoEnded = false;
        AVPacket pkt;
        while ((pkt = g.grabPacket()) != null) {
          AVStream st = g.getFormatContext().streams(pkt.stream_index());
          long start = st.start_time() == avutil.AV_NOPTS_VALUE ? 0 : st.start_time();
          boolean isVideo = pkt.stream_index() == video;
          long ts = isVideo ? pkt.dts() : pkt.pts();
          boolean inside = ts == avutil.AV_NOPTS_VALUE
              || (ts - start) * avutil.av_q2d(st.time_base()) < seconds;
          if (isVideo && !inside) {
            videoEnded = true;
          }
          if (inside && !(isVideo && videoEnded)) {
            r.recordPacket(pkt);
          }
          if (videoEnded && (g.getAudioStream() < 0 || (!inside && !isVideo))) {
            break; // every stream past the cut
          }
        }
        r.stop();
      }
      g.stop();
    }
    Files.move(tmp, clip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
