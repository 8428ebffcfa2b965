package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.Transition;
import dev.reelbeam.transforms.model.Transition.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Types the transitions of a video from signals the decode pass already computed: each frame's
 * grey-level spread ({@code lumaStd}), its 8x8 grey thumbnail, its mean intensity, and the cut
 * detector's cuts.
 *
 * <ul>
 *   <li>Fades. A frame is flat (black, white or any single colour) when its grey levels spread less
 *       than {@link #FLAT_STD} (twice that for a nearly black or white frame). Fading to a flat colour scales the picture's contrast down, so the
 *       spread falls frame after frame: a fade-out is the run of falling spread that ends in a flat
 *       frame, a fade-in the run of rising spread that leaves one.
 *   <li>Dissolves. A window whose frames are blends of the frame before it and the frame after it
 *       ({@code (1 - a) * before + a * after}, a growing linearly), the two being different shots,
 *       with steady pictures on either side: a camera move changes the picture as much, but its
 *       frames are not blends of the two ends and its sides are not steady.
 *   <li>Flashes. A frame much brighter than the one before, after which, within a quarter of a
 *       second, the picture returns to what it was. ContentDetector reports the flash's first frame
 *       as a cut and its flash filter suppresses the return; the cut list keeps PySceneDetect's cut,
 *       the transition says it was a flash.
 *   <li>Cuts: the detector's, except those inside a fade, dissolve or flash (the cut detector may
 *       fire inside one; the typed transition says what it was). A cut from a picture where a fade
 *       begins, or into one where a fade ends, stays: a cut to black before a fade-in is both.
 * </ul>
 * Thresholds are on 0-255 grey levels and were chosen on FFmpeg-built transitions between real
 * shared clips, and on the shared clips with camera motion (no transition there).
 */
public final class TransitionClassifier {
  /** Grey-level standard deviation under which a frame is flat. */
  static final double FLAT_STD = 8.0;
  /** Mean intensity under which (or above 255 minus which) a frame is black (white) enough. */
  static final double DARK = 16.0;
  /** Mean thumbnail difference between two shots for a dissolve. */
  static final double DISSOLVE_CHANGE = 15.0;
  /** Largest mean distance of a dissolve's frames to the blend, as a fraction of the change. */
  static final double BLEND_RESIDUAL = 0.22;
  /**
   * Largest change on either side of a dissolve, as a fraction of the dissolve's change: a camera
   * adjusting its exposure while a car crosses the picture changes it as much, in a blend-like way,
   * but the picture keeps changing before and after (car-detection.mp4: 0.19 and 0.21).
   */
  static final double STEADY_SIDE = 0.15;
  /**
   * Largest change per frame on either side of a dissolve, as a fraction of its change per frame
   * inside: a camera move changes its sides as fast as its middle.
   */
  static final double STEADY_RATE = 0.5;
  /**
   * Share of the picture a dissolve changes: one shot gives way to another everywhere, where an
   * object crossing a still background changes a few cells (car-detection.mp4).
   */
  static final double SPREAD = 0.5;
  /** Brightness jump (0-255) that starts a flash. */
  static final double FLASH_JUMP = 20.0;

  private final double[] lumaStd;
  private final double[] averageRgb;
  private final double[] times;
  private final double[] content;
  private final int n;
  private final double fps;
  private final byte[] thumbs;
  private static final int TB = DetectorMetrics.THUMB * DetectorMetrics.THUMB;

  private TransitionClassifier(StitchedSignals v, double[] content) {
    this(v.lumaStd(), v.averageRgb(), v.thumbnails(), v.times(), v.frameCount(), v.video().fps(),
        content);
  }

  private TransitionClassifier(
      double[] lumaStd, double[] averageRgb, byte[] thumbs, double[] times, int n, double fps,
      double[] content) {
    this.lumaStd = lumaStd;
    this.averageRgb = averageRgb;
    this.thumbs = thumbs;
    this.times = times;
    this.n = n;
    this.fps = fps;
    this.content = content;
  }

  /**
   * The transitions of a video in frame order.
   *
   * @param content each frame's content value (cut confidence)
   * @param cuts the cut detector's cuts
   * @param duration the video's duration (end time of a transition that ends the video)
   */
  public static List<Transition> classify(
      StitchedSignals v, double[] content, List<Long> cuts, double duration) {
    return new TransitionClassifier(v, content).run(cuts, duration);
  }

  /**
   * The frames of the fades, dissolves and flashes (the frames {@code --keyframes=best} leaves
   * out) among the first {@code n} frames of these per-frame signals, found by the same rules as
   * {@link #classify} with these cuts; for the decode pass, which sees the frames so far.
   */
  static java.util.BitSet gradualFrames(
      double[] lumaStd, double[] averageRgb, byte[] thumbs, int n, double fps, List<Long> cuts) {
    TransitionClassifier c =
        new TransitionClassifier(lumaStd, averageRgb, thumbs, null, n, fps, null);
    java.util.BitSet out = new java.util.BitSet(n);
    for (Span s : c.gradual(cuts)) {
      if (s.end() > s.start()) {
        out.set(s.start(), Math.min(n, s.end()));
      }
    }
    return out;
  }

  /** Fades, dissolves and flashes, in the order they were found. */
  private List<Span> gradual(List<Long> cuts) {
    List<Span> spans = new ArrayList<>();
    fades(spans, cuts);
    dissolves(spans);
    flashes(spans);
    return spans;
  }

  private List<Transition> run(List<Long> cuts, double duration) {
    List<Span> spans = gradual(cuts);
    for (long c : cuts) {
      if (!absorbed(spans, c)) {
        // confidence 1 at twice ContentDetector's default threshold
        spans.add(span(Type.CUT, (int) c, (int) c, Math.min(1.0, content[(int) c] / 54.0)));
      }
    }
    spans.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
    List<Transition> out = new ArrayList<>(spans.size());
    for (Span s : spans) {
      double end = s.end() >= n ? duration : times[s.end()];
      out.add(new Transition(s.type(), s.start(), s.end(), times[s.start()], end, s.confidence()));
    }
    return out;
  }

  /**
   * A flat frame: its grey levels spread less than {@link #FLAT_STD}, or it is nearly black or
   * nearly white with a little more spread (a title or a caption over black: testvideo.mp4's black
   * frames carry a copyright line and spread 8-9 levels).
   */
  private boolean flat(int i) {
    double std = lumaStd[i];
    double mean = averageRgb[i];
    return std < FLAT_STD || (std < 2 * FLAT_STD && (mean < DARK || mean > 255 - DARK));
  }

  /**
   * Falling spread into each flat run (fade-out), rising spread out of it (fade-in). A fade-out
   * ends at the frame where the spread stops falling (the first frame fully faded, inside the flat
   * run); a fade-in starts at the last frame before the spread starts rising. A fade cut short by
   * a cut (the picture dimmed to a third or less, then the next shot) counts too.
   */
  private void fades(List<Span> spans, List<Long> cuts) {
    double[] std = lumaStd;
    int i = 0;
    while (i < n) {
      if (!flat(i)) {
        i++;
        continue;
      }
      int a = i;
      while (i < n && flat(i)) {
        i++;
      }
      int b = i; // flat run [a, b)
      int end = a;
      while (end + 1 < b && std[end + 1] < std[end] - 0.1) {
        end++;
      }
      int s = fallStart(a);
      if (a - s >= 2 && std[s] >= pictureStd(std[end])) {
        spans.add(span(Type.FADE_OUT, s, end, Math.min(1.0, (std[s] - std[end]) / 40.0)));
      }
      int start = b - 1;
      while (start - 1 > end && std[start - 1] < std[start] - 0.1) {
        start--;
      }
      int e = riseEnd(b - 1);
      if (b < n && e - b >= 2 && std[e - 1] >= pictureStd(std[start])) {
        spans.add(span(Type.FADE_IN, start, e, Math.min(1.0, (std[e - 1] - std[start]) / 40.0)));
      }
    }
    for (long c : cuts) {
      int cut = (int) c;
      int s = fallStart(cut - 1);
      if (cut - s >= 3 && std[cut - 1] <= std[s] / 3 && !overlapsAny(spans, s, cut)) {
        spans.add(span(Type.FADE_OUT, s, cut, Math.min(1.0, (std[s] - std[cut - 1]) / 40.0)));
      }
      int e = riseEnd(cut);
      if (e - cut >= 3 && std[cut] <= std[e - 1] / 3 && !overlapsAny(spans, cut, e)) {
        spans.add(span(Type.FADE_IN, cut, e, Math.min(1.0, (std[e - 1] - std[cut]) / 40.0)));
      }
    }
  }

  /** The far end of a fade: its picture's spread is well above what it fades to. */
  private static double pictureStd(double fadedStd) {
    return Math.max(1.5 * FLAT_STD, 3 * fadedStd);
  }

  /** Walking back from frame {@code a}, the first frame of the fall in spread into it. */
  private int fallStart(int a) {
    return fadeEdge(a, -1);
  }

  /** Walking on from frame {@code b}, the frame after the last of the rise in spread (exclusive). */
  private int riseEnd(int b) {
    return fadeEdge(b, 1) + 1;
  }

  /**
   * Walks from a faded frame away from it (back with {@code dir} -1, on with +1) while the spread
   * grows: each step of a fade changes the picture steadily, so the walk stops at a step that
   * grows the spread, or changes the thumbnail, by less than a quarter of the fade's mean step so
   * far (the shot itself), and at a flat frame. Returns the last frame of the fade reached.
   */
  private int fadeEdge(int from, int dir) {
    double[] std = lumaStd;
    int k = from;
    double moved = 0;
    while (k + dir >= 0 && k + dir < n && !(dir < 0 && flat(k + dir))) {
      double step = std[k + dir] - std[k];
      double change = distance(k, k + dir);
      int steps = Math.abs(k - from);
      if (step <= 0.05
          || (steps > 0 && step < 0.25 * (std[k] - std[from]) / steps)
          || (steps > 0 && change < 0.25 * moved / steps)) {
        break;
      }
      moved += change;
      k += dir;
    }
    return k;
  }

  /** Window half-lengths tried, in frames at 25 fps (scaled by the rate): 0.12 s to 2.6 s. */
  private static final int[] HALF = {3, 4, 5, 6, 8, 10, 12, 15, 18, 22, 27, 33};

  private void dissolves(List<Span> spans) {
    List<double[]> found = new ArrayList<>(); // {score, start, end, confidence}
    double scale = fps / 25.0;
    for (int c = 1; c < n - 1; c++) {
      double best = 0;
      int bs = -1;
      int be = -1;
      for (int h0 : HALF) {
        int h = Math.max(2, (int) Math.round(h0 * scale));
        int s = c - h;
        int e = c + h;
        double score = windowScore(s, e);
        if (score > best) {
          best = score;
          bs = s;
          be = e;
        }
      }
      if (bs >= 0) {
        found.add(new double[] {best, bs, be});
      }
    }
    found.sort((x, y) -> Double.compare(y[0], x[0]));
    for (double[] f : found) {
      int[] r = refine((int) f[1], (int) f[2]);
      if (overlapsAny(spans, r[0] - 1, r[1] + 1)) {
        continue;
      }
      double change = distance(r[0] - 1, r[1]);
      double residual = residual(r[0], r[1]) / change;
      double conf = Math.max(0, Math.min(1, (1 - residual / BLEND_RESIDUAL) * 0.5 + change / 80.0));
      spans.add(span(Type.DISSOLVE, r[0], r[1], Math.min(1.0, conf)));
    }
  }

  /** Moves the window's ends by up to 4 frames each to fit the blend best. */
  private int[] refine(int s, int e) {
    int[] best = {s, e};
    double bestScore = windowScore(s, e);
    for (int ds = -4; ds <= 4; ds++) {
      for (int de = -4; de <= 4; de++) {
        double sc = windowScore(s + ds, e + de);
        if (sc > bestScore) {
          bestScore = sc;
          best = new int[] {s + ds, e + de};
        }
      }
    }
    return best;
  }

  /**
   * How well frames [s, e) form a dissolve from frame s-1 to frame e: 0 when they do not, else
   * larger for a larger change fitted more closely. Neither end may be flat (that is a fade).
   */
  private double windowScore(int s, int e) {
    int side = Math.max(2, Math.min((e - s) / 2, (int) Math.round(0.4 * fps)));
    if (s - 1 - side < 0 || e + side >= n || e - s < 3) {
      return 0;
    }
    if (flat(s - 1) || flat(e)) {
      return 0;
    }
    double change = distance(s - 1, e);
    if (change < DISSOLVE_CHANGE || changedShare(s - 1, e) < SPREAD) {
      return 0;
    }
    double before = distance(s - 1 - side, s - 1);
    double after = distance(e, e + side);
    if (before > STEADY_SIDE * change || after > STEADY_SIDE * change) {
      return 0;
    }
    // A slow camera move (the demo's crane shot, 3.5-6.2 s) changes the picture smoothly too, and
    // over a long window its sides look steady next to the whole change; but it changes them at
    // the rate it changes the window, where a dissolve's pictures hold still on either side.
    double rate = change / (e - s + 1);
    if (Math.max(before, after) / side > STEADY_RATE * rate) {
      return 0;
    }
    double r = residual(s, e) / change;
    if (r > BLEND_RESIDUAL) {
      return 0;
    }
    return change * (1 - r / BLEND_RESIDUAL) + (e - s) * 1e-6; // the closest fit wins
  }

  /** Mean distance of frames [s, e) to the linear blend of frame s-1 and frame e. */
  private double residual(int s, int e) {
    double sum = 0;
    int len = e - s + 1;
    int pa = (s - 1) * TB;
    int pb = e * TB;
    for (int k = s; k < e; k++) {
      double a = (double) (k - s + 1) / len;
      int pk = k * TB;
      double d = 0;
      for (int j = 0; j < TB; j++) {
        double blend = (1 - a) * (thumbs[pa + j] & 0xff) + a * (thumbs[pb + j] & 0xff);
        d += Math.abs((thumbs[pk + j] & 0xff) - blend);
      }
      sum += d / TB;
    }
    return sum / (e - s);
  }

  /** Share of thumbnail cells that differ by more than 8 grey levels between two frames. */
  private double changedShare(int i, int j) {
    int pi = i * TB;
    int pj = j * TB;
    int changed = 0;
    for (int k = 0; k < TB; k++) {
      if (Math.abs((thumbs[pi + k] & 0xff) - (thumbs[pj + k] & 0xff)) > 8) {
        changed++;
      }
    }
    return (double) changed / TB;
  }

  /** Mean absolute difference of two frames' thumbnails. */
  private double distance(int i, int j) {
    return thumbDistance(thumbs, i, j);
  }

  /**
   * Mean absolute difference of frames {@code i} and {@code j} in {@code thumbs}, the frames'
   * thumbnails one after another: the classifier's measure of how much the picture moved, shared
   * with {@link KeyframeCapture} so the pass and the stitch judge a fade alike.
   */
  static double thumbDistance(byte[] thumbs, int i, int j) {
    int pi = i * TB;
    int pj = j * TB;
    int d = 0;
    for (int k = 0; k < TB; k++) {
      d += Math.abs((thumbs[pi + k] & 0xff) - (thumbs[pj + k] & 0xff));
    }
    return (double) d / TB;
  }

  /** Brief brightenings after which the picture returns to what it was. */
  private void flashes(List<Span> spans) {
    double[] avg = averageRgb;
    int longest = Math.max(1, (int) Math.round(0.25 * fps));
    for (int i = 1; i < n; i++) {
      if (avg[i] - avg[i - 1] < FLASH_JUMP) {
        continue;
      }
      double jump = distance(i - 1, i);
      for (int k = 1; k <= longest && i + k < n; k++) {
        if (avg[i + k] - avg[i - 1] < FLASH_JUMP / 2 && distance(i - 1, i + k) <= 0.35 * jump) {
          if (!overlapsAny(spans, i, i + k)) {
            spans.add(span(Type.FLASH, i, i + k, Math.min(1.0, (avg[i] - avg[i - 1]) / 60.0)));
          }
          i += k;
          break;
        }
      }
    }
  }

  /** A transition found, frames [start, end). */
  private record Span(Type type, int start, int end, double confidence) {}

  /** Confidences are rounded to 6 decimals: the JSON stays short and stable. */
  private static Span span(Type t, int start, int end, double confidence) {
    return new Span(t, start, end, Math.round(Math.max(0, confidence) * 1e6) / 1e6);
  }

  /**
   * Whether a reported cut is part of a typed transition: strictly inside a fade or dissolve, at a
   * fade's edge on the faded side, or anywhere on a flash (ContentDetector's flash filter reports
   * the flash's first frame as a cut and suppresses the return).
   */
  private boolean absorbed(List<Span> spans, long frame) {
    for (Span s : spans) {
      boolean flash = s.type() == Type.FLASH;
      if (flash ? frame >= s.start() && frame <= s.end() : frame > s.start() && frame < s.end()) {
        return true;
      }
      // a fade-in's first step out of black, or a fade-out's last step into it, is no cut
      if ((s.type() == Type.FADE_IN && frame == s.start() && frame > 0 && flat((int) frame - 1))
          || (s.type() == Type.FADE_OUT && frame == s.end() && frame < n && flat((int) frame))) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlapsAny(List<Span> spans, int start, int end) {
    for (Span s : spans) {
      if (start < s.end() && s.start() < end) {
        return true;
      }
    }
    return false;
  }
}
