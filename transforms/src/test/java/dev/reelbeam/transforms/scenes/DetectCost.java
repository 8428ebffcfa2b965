package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.VideoSegment;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Not a test: CPU time of one video's decode pass (with and without the detectors' metrics
 * measured apart by {@link MetricCost}) and of what follows it, stitching, every detector's
 * decision and the transition classifier. Usage: {@code java -cp <test classpath>
 * dev.reelbeam.transforms.scenes.DetectCost <video>}.
 */
public final class DetectCost {
  public static void main(String[] args) throws Exception {
    org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    var cpu = ManagementFactory.getThreadMXBean();
    VideoInfo info = VideoProbe.probe(args[0]);
    long t0 = cpu.getCurrentThreadCpuTime();
    SegmentSignals s = new SegmentAnalyzer(1, 256, false, null)
        .analyze(new VideoSegment(info, 0, 1, 0, Double.POSITIVE_INFINITY));
    long t1 = cpu.getCurrentThreadCpuTime();
    for (int round = 0; round < 3; round++) {
      long a = cpu.getCurrentThreadCpuTime();
      var d = SceneDetector.detect(List.of(s), DetectorSettings.defaults());
      long b = cpu.getCurrentThreadCpuTime();
      StitchedSignals st = SegmentStitcher.stitch(List.of(s));
      double[] content = new double[st.frameCount()];
      for (int i = 0; i < content.length; i++) {
        content[i] = d.signals().get(i).contentVal();
      }
      long c = cpu.getCurrentThreadCpuTime();
      TransitionClassifier.classify(st, content, d.cuts(), d.durationSeconds());
      long e = cpu.getCurrentThreadCpuTime();
      System.out.printf("%d frames: decode pass %.2f s CPU (this thread); detect %.3f s, of which"
              + " transitions %.3f s; %d transitions%n",
          s.frameCount(), (t1 - t0) / 1e9, (b - a) / 1e9, (e - c) / 1e9, d.transitions().size());
    }
  }
}
