package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * ContentDetector's decision on stitched signals: {@code content_val} from the weights, a candidate
 * where it is at or above the threshold, and the flash filter (MERGE) with
 * {@code min_scene_len / fps} seconds, fps being the video's snapped average rate.
 */
public final class CutDetector {
  private CutDetector() {}

  /** The result: per-frame signals with content values, and the cut frames in ascending order. */
  public record Result(List<FrameSignal> signals, List<Long> cuts) {}

  public static Result detect(StitchedSignals s, DetectorSettings settings) {
    if (settings.weightEdges() != 0 && !s.edges()) {
      throw new IllegalArgumentException(
          "edge weight " + settings.weightEdges() + " needs delta_edges, which the decode did not"
              + " compute (VideoToFrames.withSettings with the same DetectorSettings)");
    }
    int n = s.frameCount();
    double minSeconds = settings.minSceneLen() / s.video().fps();
    FlashFilter filter = new FlashFilter(minSeconds, s.clock());
    TreeSet<Long> cuts = new TreeSet<>();
    List<FrameSignal> signals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ContentScorer.Deltas d =
          new ContentScorer.Deltas(s.deltaHue()[i], s.deltaSat()[i], s.deltaLum()[i], s.deltaEdges()[i]);
      double content =
          i == 0
              ? 0.0
              : d.contentVal(
                  settings.weightHue(), settings.weightSat(), settings.weightLum(), settings.weightEdges());
      signals.add(
          new FrameSignal(i, s.times()[i], d.hue(), d.sat(), d.lum(), content, s.motion()[i]));
      long cut = filter.filter(i, s.pts()[i], content >= settings.threshold());
      if (cut > 0) {
        cuts.add(cut);
      }
    }
    return new Result(signals, List.copyOf(cuts));
  }
}
