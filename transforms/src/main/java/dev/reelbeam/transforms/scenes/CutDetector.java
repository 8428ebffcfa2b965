package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.FrameSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The chosen detector's decision on stitched signals, and every detector's per-frame metric for the
 * stats file. ContentDetector: {@code content_val} from the weights, a candidate where it is at or
 * above the threshold, and the flash filter (MERGE) with {@code min_scene_len / fps} seconds, fps
 * being the video's snapped average rate. The others: {@link AdaptiveCuts}, {@link MetricCuts},
 * {@link FadeCuts}.
 */
public final class CutDetector {
  private CutDetector() {}

  /** The result: per-frame signals with every metric, and the cut frames in ascending order. */
  public record Result(List<FrameSignal> signals, List<Long> cuts) {}

  public static Result detect(StitchedSignals s, DetectorSettings settings) {
    if (settings.weightEdges() != 0 && !s.edges()) {
      throw new IllegalArgumentException(
          "edge weight " + settings.weightEdges() + " needs delta_edges, which the decode did not"
              + " compute (VideoToFrames.withSettings with the same DetectorSettings)");
    }
    int n = s.frameCount();
    double[] content = new double[n];
    for (int i = 1; i < n; i++) {
      content[i] = new ContentScorer.Deltas(
              s.deltaHue()[i], s.deltaSat()[i], s.deltaLum()[i], s.deltaEdges()[i])
          .contentVal(
              settings.weightHue(), settings.weightSat(), settings.weightLum(), settings.weightEdges());
    }
    double[] ratios = AdaptiveCuts.ratios(content, settings);
    List<FrameSignal> signals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      signals.add(new FrameSignal(i, s.times()[i], s.deltaHue()[i], s.deltaSat()[i],
          s.deltaLum()[i], content[i], s.motion()[i], s.averageRgb()[i], s.hashDist()[i],
          s.histDiff()[i], ratios[i],
          new FrameQuality(s.sharpness()[i], s.brightness()[i], s.lumaStd()[i], s.phash()[i])));
    }
    List<Long> cuts = switch (settings.detector()) {
      case CONTENT -> contentCuts(s, content, settings);
      case ADAPTIVE -> AdaptiveCuts.cuts(s, content, ratios, settings);
      case HASH -> MetricCuts.hash(s, settings);
      case HISTOGRAM -> MetricCuts.histogram(s, settings);
      case THRESHOLD -> FadeCuts.cuts(s, settings);
    };
    return new Result(signals, cuts);
  }

  private static List<Long> contentCuts(StitchedSignals s, double[] content, DetectorSettings settings) {
    double minSeconds = settings.minSceneLen() / s.video().fps();
    FlashFilter filter = new FlashFilter(minSeconds, s.clock());
    TreeSet<Long> cuts = new TreeSet<>();
    for (int i = 0; i < content.length; i++) {
      long cut = filter.filter(i, s.pts()[i], content[i] >= settings.threshold());
      if (cut > 0) {
        cuts.add(cut);
      }
    }
    return List.copyOf(cuts);
  }
}
