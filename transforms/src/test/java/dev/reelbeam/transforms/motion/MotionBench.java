package dev.reelbeam.transforms.motion;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.reelbeam.transforms.camera.CameraMotionAnalyzer;
import dev.reelbeam.transforms.camera.CameraReport;
import dev.reelbeam.transforms.camera.SceneCamera;
import dev.reelbeam.transforms.model.FrameSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Not a test: measures the estimator's cost per frame at 256 px. Decodes each video once into
 * 256 px BGR frames held in memory, then times only {@code next()} over them, several rounds.
 * Usage: {@code MotionBench [workingSize] [openCvThreads] video...}
 */
public final class MotionBench {
  public static void main(String[] args) throws Exception {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    int working = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    opencv_core.setNumThreads(threads);
    for (int a = 2; a < args.length; a++) {
      Path video = Path.of(args[a]);
      List<Mat> frames = new ArrayList<>();
      double fps;
      int w;
      int h;
      try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
          OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
        g.start();
        fps = g.getFrameRate();
        w = g.getImageWidth();
        h = g.getImageHeight();
        Frame f;
        while ((f = g.grabImage()) != null && frames.size() < 3000) {
          Mat m = conv.convert(f);
          double factor = Math.max(m.cols(), m.rows()) / 256.0;
          Mat small = new Mat();
          try (Size size = new Size((int) Math.rint(m.cols() / factor), (int) Math.rint(m.rows() / factor))) {
            resize(m, small, size, 0, 0, INTER_LINEAR);
          }
          frames.add(small);
        }
        g.stop();
      }
      List<FrameSignal> signals = null;
      double bestMs = Double.MAX_VALUE;
      double bestCpuMs = Double.MAX_VALUE;
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      for (int round = 0; round < 6; round++) {
        LucasKanadeMotion est = new LucasKanadeMotion(working);
        List<FrameSignal> out = new ArrayList<>(frames.size());
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < frames.size(); i++) {
          out.add(new FrameSignal(i, i / fps, 0, 0, 0, 0, est.next(frames.get(i))));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / frames.size();
        double cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / frames.size();
        bestMs = Math.min(bestMs, ms);
        bestCpuMs = Math.min(bestCpuMs, cpuMs);
        est.close();
        signals = out;
      }
      long valid = signals.stream().filter(s -> s.motion().valid()).count();
      System.out.printf("%s %dx%d %.3f fps, %d frames at %dx%d: %.3f ms/frame wall, %.3f ms/frame thread CPU (best of 6, working %d px, %d OpenCV threads), valid %d%n",
          video.getFileName(), w, h, fps, frames.size(), frames.get(0).cols(), frames.get(0).rows(), bestMs, bestCpuMs, working, threads, valid);
      CameraReport r = new CameraMotionAnalyzer().analyze(SyntheticClips.detection("x", signals, w, h, fps));
      for (SceneCamera s : r.scenes()) {
        System.out.printf("  dominant %s static %s handheld %s shake %.5f valid %.2f%n", s.dominant(), s.mostlyStatic(), s.handheld(), s.shake(), s.validRatio());
        s.segments().forEach(g -> System.out.printf("    %-9s %5d-%5d speed %.4f v %s%n", g.type(), g.startFrame(), g.endFrame(), g.speed(), g.velocity()));
      }
      frames.forEach(Mat::close);
    }
  }
}
