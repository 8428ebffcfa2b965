package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.VideoSegment;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Not a test: a quick measurement of what the exact decode path (BGR24 bicubic, downscale, HSV
 * deltas, PNG edge frames) costs beside decoding alone, one FFmpeg thread. Usage: {@code java -cp
 * <test classpath> dev.reelbeam.transforms.scenes.DecodeCost <video>...}; each file runs twice,
 * the fastest of three runs is reported (the machine may be shared).
 */
public final class DecodeCost {
  public static void main(String[] args) throws Exception {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    String cvThreads = System.getProperty("opencv.threads");
    if (cvThreads != null) {
      org.bytedeco.opencv.global.opencv_core.setNumThreads(Integer.parseInt(cvThreads));
    }
    for (String path : args) {
      VideoInfo info = VideoProbe.probe(path);
      double raw = 1e9, bgr = 1e9, exact = 1e9;
      long frames = 0;
      for (int run = 0; run < 3; run++) {
        long t0 = System.nanoTime();
        frames = decodeOnly(path, false);
        raw = Math.min(raw, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        decodeOnly(path, true);
        bgr = Math.min(bgr, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        new SegmentAnalyzer(1, 256, false, null)
            .analyze(new VideoSegment(info, 0, 1, 0, Double.POSITIVE_INFINITY));
        exact = Math.min(exact, (System.nanoTime() - t0) / 1e9);
      }
      System.out.printf(
          "%s %dx%d %d frames: decode-only %.2f s (%.0f fps), decode+BGR24 bicubic %.2f s, exact path"
              + " %.2f s = %.2fx decode-only, %.2fx decode+BGR%n",
          path, info.codedWidth(), info.codedHeight(), frames, raw, frames / raw, bgr, exact,
          exact / raw, exact / bgr);
    }
  }

  private static long decodeOnly(String path, boolean bgr) throws Exception {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(path)) {
      g.setVideoOption("threads", "1");
      g.setAudioStream(Integer.MAX_VALUE);
      if (bgr) {
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        g.setImageScalingFlags(org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC);
      } else {
        g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
      }
      g.start();
      long n = 0;
      Frame f;
      while ((f = g.grabImage()) != null) {
        n++;
      }
      g.stop();
      return n;
    }
  }
}
