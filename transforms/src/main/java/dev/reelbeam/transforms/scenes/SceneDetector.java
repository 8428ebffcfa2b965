package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import java.util.List;

/**
 * Stitch, detect, type the transitions, build the scene list: everything {@code FramesToScenes}
 * does for one video.
 */
public final class SceneDetector {
  private SceneDetector() {}

  public static SceneDetection detect(Iterable<SegmentSignals> parts, DetectorSettings settings) {
    StitchedSignals s = SegmentStitcher.stitch(parts);
    if (s.frameCount() == 0) {
      throw new BadInputException(
          "no frame of " + s.video().path() + " could be decoded: the video stream is corrupt");
    }
    CutDetector.Result r = CutDetector.detect(s, settings);
    double duration = s.times()[s.frameCount() - 1] + 1.0 / s.video().fps();
    double[] content = new double[s.frameCount()];
    for (int i = 0; i < content.length; i++) {
      content[i] = r.signals().get(i).contentVal();
    }
    List<Transition> transitions = TransitionClassifier.classify(s, content, r.cuts(), duration);
    List<Scene> scenes =
        settings.splitGradual()
            ? SceneListBuilder.build(r.cuts(), transitions, s.times(), duration)
            : SceneListBuilder.build(r.cuts(), s.times(), duration);
    return new SceneDetection(
        s.video(),
        s.frameCount(),
        duration,
        settings,
        r.cuts(),
        List.copyOf(scenes),
        r.signals(),
        List.copyOf(transitions));
  }
}
