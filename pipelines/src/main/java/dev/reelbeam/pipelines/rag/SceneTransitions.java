package dev.reelbeam.pipelines.rag;

import dev.reelbeam.pipelines.report.ReportData.Segment;
import java.util.List;

/**
 * How a scene comes in and goes out, from the scenes JSON's typed transitions: {@code cut},
 * {@code fade_in}, {@code fade_out}, {@code dissolve}, {@code flash}, or {@code start} / {@code end}
 * at the video's own edges.
 *
 * <p>A typed transition that touches the scene's boundary (its frames include the boundary frame,
 * as a dissolve spans the cut, and with {@code --splitGradual} a scene ends where its transition
 * starts) names it. A fade inside the scene near its edge (a fade-in in its first half, a
 * fade-out in its second: the faded frames before the next cut belong to the scene) names it next.
 * Any other boundary inside the video is a cut.
 */
final class SceneTransitions {
  private static final List<String> IN_ORDER = List.of("dissolve", "fade_in", "flash", "fade_out");
  private static final List<String> OUT_ORDER = List.of("dissolve", "fade_out", "flash", "fade_in");

  private SceneTransitions() {}

  /** The transition into the scene {@code [start, end)}. */
  static String in(List<Segment> transitions, long start, long end) {
    String touching = touching(transitions, start, IN_ORDER);
    if (touching != null) {
      return touching;
    }
    long half = start + (end - start) / 2;
    for (Segment t : transitions) {
      if (t.type().equals("fade_in") && t.startFrame() >= start && t.startFrame() < half) {
        return "fade_in";
      }
    }
    return start <= 0 ? "start" : "cut";
  }

  /** The transition out of the scene {@code [start, end)} of a video of {@code frames} frames. */
  static String out(List<Segment> transitions, long start, long end, long frames) {
    String touching = touching(transitions, end, OUT_ORDER);
    if (touching != null) {
      return touching;
    }
    long half = start + (end - start) / 2;
    for (Segment t : transitions) {
      if (t.type().equals("fade_out") && t.endFrame() <= end && t.endFrame() > half) {
        return "fade_out";
      }
    }
    return end >= frames ? "end" : "cut";
  }

  private static String touching(List<Segment> transitions, long frame, List<String> order) {
    String best = null;
    for (Segment t : transitions) {
      int rank = order.indexOf(t.type());
      if (rank >= 0 && t.startFrame() <= frame && frame <= t.endFrame()
          && (best == null || rank < order.indexOf(best))) {
        best = t.type();
      }
    }
    return best;
  }

  /** As a person reads it: {@code fade_in} becomes "fade in". */
  static String words(String type) {
    return type.replace('_', ' ');
  }
}
