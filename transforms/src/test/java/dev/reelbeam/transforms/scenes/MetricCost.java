package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.VideoDecoder;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Not a test: the CPU time per frame of the content score alone and of the other detectors'
 * metrics (hash, histogram, average intensity) on the small frames of a video, held in memory so
 * decoding is out of the measure. Usage: {@code java -cp <test classpath>
 * dev.reelbeam.transforms.scenes.MetricCost <video>...}; the best of five passes is reported.
 */
public final class MetricCost {
  public static void main(String[] args) throws Exception {
    org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (String path : args) {
      VideoInfo info = VideoProbe.probe(path);
      List<Mat> frames = new ArrayList<>();
      try (VideoDecoder d = VideoDecoder.open(path, info.rotation(), 1, 256)) {
        var f = d.next();
        while (f != null && frames.size() < 2000) {
          frames.add(f.small().clone());
          f = d.next();
        }
      }
      double content = 1e18;
      double metrics = 1e18;
      for (int pass = 0; pass < 5; pass++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        try (ContentScorer s = new ContentScorer(false)) {
          for (Mat m : frames) {
            s.score(m);
          }
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        try (DetectorMetrics dm = new DetectorMetrics(DetectorSettings.defaults(), info.rotation())) {
          for (Mat m : frames) {
            dm.measure(m);
          }
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        content = Math.min(content, (t1 - t0) / 1e3 / frames.size());
        metrics = Math.min(metrics, (t2 - t1) / 1e3 / frames.size());
      }
      System.out.printf("%s %dx%d small, %d frames: content score %.1f us/frame, other detectors'"
              + " metrics %.1f us/frame%n",
          path, frames.get(0).cols(), frames.get(0).rows(), frames.size(), content, metrics);
      frames.forEach(Mat::close);
    }
  }
}
