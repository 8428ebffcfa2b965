package dev.reelbeam.pipelines.ops;

import java.util.Locale;
import java.util.Map;

/**
 * The progress line built from the ReelBeam counters: videos done/total, frames decoded, frames per
 * second, and an ETA from the frames still to decode (or, without a frame total, from the videos
 * still to do).
 */
public final class Progress {

  private Progress() {}

  /** One line, e.g. "videos 1/3  frames 12,345  410 fps  ETA 0:42  elapsed 0:30". */
  public static String line(Map<String, Long> c, double elapsedSeconds) {
    long videos = c.getOrDefault(Counters.VIDEOS, 0L);
    long videosTotal = c.getOrDefault(Counters.VIDEOS_TOTAL, 0L);
    long frames = c.getOrDefault(Counters.FRAMES, 0L);
    long framesTotal = c.getOrDefault(Counters.FRAMES_TOTAL, 0L);
    long errors = c.getOrDefault(Counters.ERRORS, 0L);
    double fps = elapsedSeconds > 0 ? frames / elapsedSeconds : 0;
    StringBuilder b = new StringBuilder();
    b.append("videos ").append(videos).append('/').append(videosTotal > 0 ? Long.toString(videosTotal) : "?");
    b.append(String.format(Locale.ROOT, "  frames %,d  %.0f fps", frames, fps));
    if (errors > 0) {
      b.append("  errors ").append(errors);
    }
    double eta = eta(videos, videosTotal, frames, framesTotal, elapsedSeconds);
    if (eta >= 0) {
      b.append("  ETA ").append(clock(eta));
    }
    b.append("  elapsed ").append(clock(elapsedSeconds));
    return b.toString();
  }

  /** Seconds left, or -1 when unknown. */
  static double eta(long videos, long videosTotal, long frames, long framesTotal, double elapsed) {
    if (framesTotal > 0 && frames > 0 && frames <= framesTotal) {
      return (framesTotal - frames) * elapsed / frames;
    }
    if (videosTotal > 0 && videos > 0 && videos <= videosTotal) {
      return (videosTotal - videos) * elapsed / videos;
    }
    return -1;
  }

  /** h:mm:ss or m:ss. */
  public static String clock(double seconds) {
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long r = s % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, r)
        : String.format(Locale.ROOT, "%d:%02d", m, r);
  }
}
