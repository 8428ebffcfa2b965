package dev.reelbeam.transforms.camera;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.io.video.VideoProbe;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.LucasKanadeMotion;
import dev.reelbeam.transforms.scenes.SceneDetector;
import dev.reelbeam.transforms.scenes.SegmentAnalyzer;
import dev.reelbeam.transforms.scenes.SegmentPlanner;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real decode pass (segments, cuts, motion) over a clip, as the pipeline does, without Beam. */
public final class RealClips {
  private RealClips() {}

  public static SceneDetection detect(Path video) throws Exception {
    VideoInfo info = VideoProbe.probe(video.toString());
    List<SegmentSignals> parts = new ArrayList<>();
    SegmentAnalyzer analyzer = new SegmentAnalyzer(1, 256, false, LucasKanadeMotion.factory());
    for (VideoSegment s : SegmentPlanner.plan(info, 60)) {
      parts.add(analyzer.analyze(s));
    }
    return SceneDetector.detect(parts, DetectorSettings.defaults());
  }

  public static void main(String[] args) throws Exception {
    for (String a : args) {
      SceneDetection d = detect(Path.of(a));
      CameraReport r = new CameraMotionAnalyzer().analyze(d);
      System.out.printf("%s %dx%d fps %.3f frames %d cuts %s%n", a, r.width(), r.height(), r.fps(), d.frameCount(), d.cuts());
      for (SceneCamera s : r.scenes()) {
        System.out.printf("  scene %d [%d,%d) dominant %s static %s handheld %s shake %.5f valid %.2f%n", s.sceneId(), s.startFrame(), s.endFrame(), s.dominant(), s.mostlyStatic(), s.handheld(), s.shake(), s.validRatio());
        s.segments().forEach(g -> System.out.printf("    %-9s %5d-%5d speed %.4f v pan %.4f tilt %.4f zoom %.4f roll %.3f smooth %.2f%n", g.type(), g.startFrame(), g.endFrame(), g.speed(), g.velocity().pan(), g.velocity().tilt(), g.velocity().zoom(), g.velocity().roll(), g.smoothness()));
      }
    }
  }
}
