package dev.reelbeam.transforms.motion;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Test clips with a known camera motion: a window moved, scaled and turned over one real frame,
 * encoded with FFmpeg's mpeg4 encoder, then decoded and fed to an estimator as the decode pass
 * does (BGR, longer side about 256 px).
 */
public final class SyntheticClips {

  /**
   * A camera path, camera-centric and per second: pan in window widths (+ right), tilt in window
   * heights (+ up), zoom as log scale (+ in), roll in degrees (+ clockwise); shake is the amplitude
   * of a random jitter in window widths; noise the sigma of Gaussian pixel noise.
   */
  public record Motion(String name, double pan, double tilt, double zoom, double roll, double shake, double noise) {
    public static Motion pan(double v) {
      return new Motion("pan " + v, v, 0, 0, 0, 0, 0);
    }

    public static Motion tilt(double v) {
      return new Motion("tilt " + v, 0, v, 0, 0, 0, 0);
    }

    public static Motion zoom(double v) {
      return new Motion("zoom " + v, 0, 0, v, 0, 0, 0);
    }

    public static Motion roll(double v) {
      return new Motion("roll " + v, 0, 0, 0, v, 0, 0);
    }

    public static Motion still(double noise) {
      return new Motion("static noise " + noise, 0, 0, 0, 0, 0, noise);
    }

    public static Motion shake(double amplitude) {
      return new Motion("shake " + amplitude, 0, 0, 0, 0, amplitude, 0);
    }
  }

  public static final int OUT_W = 320;
  public static final int OUT_H = 180;
  public static final double FPS = 25;

  static {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  private SyntheticClips() {}

  /** Frame {@code index} of {@code video}, as BGR. */
  public static Mat frameOf(Path video, int index) throws Exception {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
      g.start();
      Frame f = null;
      for (int i = 0; i <= index; i++) {
        f = g.grabImage();
      }
      Mat m = conv.convert(f).clone();
      g.stop();
      return m;
    }
  }

  /** Encodes {@code frames} frames of {@code motion} over {@code source} to {@code out} (mpeg4 in mp4). */
  public static void encode(Mat source, Motion motion, int frames, Path out, long seed) throws Exception {
    encode(source, motion, frames, out, seed, null, 1.0);
  }

  /**
   * A follow shot: as {@link #encode(Mat, Motion, int, Path, long)}, but the background's contrast
   * about its mean is multiplied by {@code backgroundContrast} and {@code subject} (BGR, pasted at
   * full contrast) stays at the centre of every frame, as a subject the camera keeps framed does.
   */
  public static void encode(Mat source, Motion motion, int frames, Path out, long seed, Mat subject,
      double backgroundContrast) throws Exception {
    Random rnd = new Random(seed);
    double winW = 0.45 * source.cols();
    double k = winW / OUT_W; // source pixels per output pixel at t = 0
    double winH = k * OUT_H;
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), OUT_W, OUT_H, 0);
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        Mat dst = new Mat();
        Mat m = new Mat(2, 3, CV_64F);
        Size size = new Size(OUT_W, OUT_H)) {
      rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      rec.setFormat("mp4");
      rec.setFrameRate(FPS);
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setVideoQuality(2); // qscale: a good but real lossy encode
      rec.start();
      double ocx = (OUT_W - 1) / 2.0;
      double ocy = (OUT_H - 1) / 2.0;
      for (int i = 0; i < frames; i++) {
        double t = i / FPS;
        double cx = source.cols() / 2.0 + motion.pan() * winW * t;
        double cy = source.rows() / 2.0 - motion.tilt() * winH * t;
        if (motion.shake() > 0) {
          cx += motion.shake() * winW * rnd.nextGaussian();
          cy += motion.shake() * winW * rnd.nextGaussian();
        }
        double s = k * Math.exp(-motion.zoom() * t);
        double th = Math.toRadians(motion.roll() * t);
        double a = s * Math.cos(th);
        double b = s * Math.sin(th);
        try (DoubleIndexer idx = m.createIndexer()) {
          // src = A (q - oc) + C, A = s R(th): R(th) with th > 0 turns the window clockwise on screen
          idx.put(0, 0, a);
          idx.put(0, 1, -b);
          idx.put(0, 2, cx - (a * ocx - b * ocy));
          idx.put(1, 0, b);
          idx.put(1, 1, a);
          idx.put(1, 2, cy - (b * ocx + a * ocy));
        }
        warpAffine(source, dst, m, size, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_REFLECT, new Scalar());
        if (backgroundContrast != 1.0) {
          try (Scalar avg = mean(dst)) {
            double grey = (avg.get(0) + avg.get(1) + avg.get(2)) / 3;
            dst.convertTo(dst, -1, backgroundContrast, (1 - backgroundContrast) * grey);
          }
        }
        if (subject != null) {
          try (Rect r = new Rect((OUT_W - subject.cols()) / 2, (OUT_H - subject.rows()) / 2, subject.cols(), subject.rows());
              Mat roi = new Mat(dst, r)) {
            subject.copyTo(roi);
          }
        }
        if (motion.noise() > 0) {
          addNoise(dst, motion.noise(), rnd);
        }
        rec.record(conv.convert(dst));
      }
      rec.stop();
    }
  }

  private static void addNoise(Mat bgr, double sigma, Random rnd) {
    byte[] buf = new byte[(int) (bgr.total() * bgr.channels())];
    bgr.data().get(buf);
    for (int i = 0; i < buf.length; i++) {
      long v = Math.round((buf[i] & 0xff) + sigma * rnd.nextGaussian());
      buf[i] = (byte) Math.max(0, Math.min(255, v));
    }
    bgr.data().put(buf);
  }

  /**
   * Decodes {@code clip} and feeds the estimator each frame scaled to 256 px on its longer side,
   * as the decode pass does; returns one signal per frame (content deltas left 0).
   */
  public static List<FrameSignal> estimate(Path clip, MotionEstimator estimator) throws Exception {
    List<FrameSignal> signals = new ArrayList<>();
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        Mat small = new Mat()) {
      g.start();
      Frame f;
      long i = 0;
      while ((f = g.grabImage()) != null) {
        Mat m = conv.convert(f);
        double factor = Math.max(m.cols(), m.rows()) / 256.0;
        Mat in = m;
        if (factor > 1) {
          try (Size size = new Size((int) Math.rint(m.cols() / factor), (int) Math.rint(m.rows() / factor))) {
            resize(m, small, size, 0, 0, INTER_LINEAR);
          }
          in = small;
        }
        MotionSample s = estimator.next(in);
        signals.add(new FrameSignal(i, i / FPS, 0, 0, 0, 0, s));
        i++;
      }
      g.stop();
    }
    return signals;
  }

  /** A one-scene detection around {@code signals}, as FramesToScenes would emit for a clip without cuts. */
  public static SceneDetection detection(String id, List<FrameSignal> signals, int width, int height, double fps) {
    int n = signals.size();
    VideoInfo info = new VideoInfo("/clips/" + id + ".mp4", id, width, height, width, height, 0, fps,
        Math.round(fps) + "/1", n / fps, n, 0, "mpeg4", List.of(0.0), false, 0, 0, "test");
    return new SceneDetection(info, n, n / fps, DetectorSettings.defaults(), List.of(),
        List.of(new Scene(1, 0, n, 0, n / fps)), signals);
  }
}
