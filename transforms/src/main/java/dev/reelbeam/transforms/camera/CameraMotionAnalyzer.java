package dev.reelbeam.transforms.camera;

import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-frame global motion of a video into camera movements: per frame a smoothed camera
 * velocity and a movement type, per scene segments of steady motion, the dominant movement and a
 * handheld (shake) flag. Plain Java; {@code OpticalFlow} wires it into Beam.
 *
 * <p>Method. Within a scene (pairs across a cut are skipped), the per-pair motion is turned into
 * camera-centric displacements (see {@link CameraVelocity}) and accumulated into a trajectory. The
 * smoothed velocity at a frame is the least-squares slope of that trajectory against time over a
 * window of {@link #SMOOTHING_SECONDS}: a steady pan is a straight line, hand shake is a bounded
 * wobble around it and barely tilts the fit. Each frame is typed by comparing the smoothed rates to
 * thresholds; runs of one type shorter than {@link #MIN_SEGMENT_SECONDS} are merged into their
 * neighbours. Shake is the RMS of the per-pair translation minus the smoothed velocity.
 */
public final class CameraMotionAnalyzer implements Serializable {

  /** Translation below this many frame widths per second is static (a frame crossed in 50 s). */
  public static final double TRANSLATION_THRESHOLD = 0.02;
  /** Zoom below this log-scale rate per second (2 % a second) is static. */
  public static final double ZOOM_THRESHOLD = 0.02;
  /** Roll below this many degrees per second is static (estimates on a 160 px frame wobble by ~1°/s). */
  public static final double ROLL_THRESHOLD = 2.0;
  /** A scene whose jitter reaches this many frame widths per frame (RMS) is handheld. */
  public static final double SHAKE_THRESHOLD = 0.004;
  /** A scene with at least this fraction of static frames is mostly static. */
  public static final double MOSTLY_STATIC = 0.8;
  /** Width of the smoothing window. */
  public static final double SMOOTHING_SECONDS = 1.0;
  /**
   * Invalid frame pairs are bridged with the motion before them up to this long; longer runs are
   * {@link MovementType#UNKNOWN}.
   */
  public static final double MAX_GAP_SECONDS = 0.5;
  /** Runs of one type shorter than this are merged into a neighbour. */
  public static final double MIN_SEGMENT_SECONDS = 0.4;
  /**
   * A second movement at least this fraction of the first (each measured in multiples of its
   * threshold) makes the frame {@code complex}.
   */
  public static final double COMPLEX_RATIO = 0.5;
  /** Pan and tilt both count (pan_tilt) when the smaller is at least this fraction of the larger. */
  public static final double DIAGONAL_RATIO = 0.5;
  /** Rates at which the intensity reaches 1: half a frame width, log-scale 0.5, 30 degrees, per second. */
  static final double FULL_TRANSLATION = 0.5;
  static final double FULL_ZOOM = 0.5;
  static final double FULL_ROLL = 30.0;

  public CameraReport analyze(SceneDetection detection) {
    var video = detection.video();
    int w = video.displayWidth();
    int h = video.displayHeight();
    double aspect = (w > 0 && h > 0) ? (double) w / h : 16.0 / 9.0;
    double fps = video.fps() > 0 ? video.fps() : 25.0;
    List<FrameSignal> signals = detection.signals();
    List<SceneCamera> scenes = new ArrayList<>();
    List<FrameMotion> track = new ArrayList<>(signals.size());
    int index = 0;
    for (Scene scene : detection.scenes()) {
      while (index < signals.size() && signals.get(index).frame() < scene.startFrame()) {
        index++;
      }
      int from = index;
      while (index < signals.size() && signals.get(index).frame() < scene.endFrame()) {
        index++;
      }
      scenes.add(analyzeScene(scene, signals.subList(from, index), fps, aspect, track));
    }
    return new CameraReport(video.videoId(), video.path(), fps, w, h, scenes, track);
  }

  /**
   * Analyses one scene; {@code signals} are its frames in order, the first one's motion (a pair
   * across the cut) is ignored. Appends the frames to {@code track}.
   */
  SceneCamera analyzeScene(Scene scene, List<FrameSignal> signals, double fps, double aspect, List<FrameMotion> track) {
    int n = signals.size();
    if (n == 0) {
      return new SceneCamera(scene.sceneId(), scene.startFrame(), scene.endFrame(), scene.startTime(),
          scene.endTime(), MovementType.STATIC, true, false, 0, 0, List.of());
    }
    double[] t = new double[n];
    double[][] disp = new double[4][n]; // pan (fw), tilt (fh), zoom (log), roll (deg); [k] = pair k-1 -> k
    boolean[] valid = new boolean[n];
    int validCount = 0;
    for (int k = 0; k < n; k++) {
      FrameSignal s = signals.get(k);
      t[k] = s.time();
      if (k > 0 && t[k] <= t[k - 1]) {
        t[k] = t[k - 1] + 1.0 / fps;
      }
      MotionSample m = s.motion();
      if (k > 0 && m != null && m.valid() && m.scale() > 0) {
        valid[k] = true;
        validCount++;
        disp[0][k] = -m.dx();
        disp[1][k] = m.dy();
        disp[2][k] = Math.log(m.scale());
        disp[3][k] = m.rotation();
      }
    }
    boolean[] unknown = longGaps(valid, Math.max(1, (int) Math.round(MAX_GAP_SECONDS * fps)));
    int half = Math.max(1, (int) Math.round(SMOOTHING_SECONDS * fps / 2));
    fillInvalid(disp, valid, unknown, half);
    double[][] pos = new double[4][n];
    for (int c = 0; c < 4; c++) {
      for (int k = 1; k < n; k++) {
        pos[c][k] = pos[c][k - 1] + disp[c][k];
      }
    }
    CameraVelocity[] smooth = new CameraVelocity[n];
    MovementType[] types = new MovementType[n];
    double[] jitter2 = new double[n];
    for (int k = 0; k < n; k++) {
      // A full-width window, shifted inwards at the scene's ends rather than cut in half there.
      int a = Math.max(0, Math.min(k - half, n - (2 * half + 1)));
      int b = Math.min(n, a + 2 * half + 1);
      smooth[k] = slope(t, pos, a, b);
      types[k] = unknown[k] ? MovementType.UNKNOWN : classify(smooth[k], aspect);
      if (k > 0 && valid[k]) {
        double dt = t[k] - t[k - 1];
        double rx = disp[0][k] - smooth[k].pan() * dt;
        double ry = (disp[1][k] - smooth[k].tilt() * dt) / aspect;
        jitter2[k] = rx * rx + ry * ry;
      }
    }

    int minLen = Math.max(2, (int) Math.round(MIN_SEGMENT_SECONDS * fps));
    List<int[]> runs = mergeShortRuns(runs(types), minLen); // {type ordinal, start, end} in indices
    double[] unit = {TRANSLATION_THRESHOLD, TRANSLATION_THRESHOLD * aspect, ZOOM_THRESHOLD, ROLL_THRESHOLD};
    refineBoundaries(runs, t, pos, unit, half);
    for (int[] r : runs) {
      for (int k = r[1]; k < r[2]; k++) {
        types[k] = MovementType.values()[r[0]];
      }
    }
    for (int k = 0; k < n; k++) {
      FrameSignal s = signals.get(k);
      MotionSample raw = k == 0 || s.motion() == null ? MotionSample.NONE : s.motion();
      track.add(new FrameMotion(s.frame(), s.time(), scene.sceneId(), raw, smooth[k], types[k]));
    }
    List<MovementSegment> segments = new ArrayList<>();
    Map<MovementType, Integer> frameCounts = new EnumMap<>(MovementType.class);
    for (int i = 0; i < runs.size(); i++) {
      int[] r = runs.get(i);
      MovementType type = MovementType.values()[r[0]];
      int a = r[1];
      int b = r[2];
      long startFrame = signals.get(a).frame();
      long endFrame = b < n ? signals.get(b).frame() : scene.endFrame();
      double endTime = b < n ? t[b] : Math.max(scene.endTime(), t[n - 1] + 1.0 / fps);
      CameraVelocity v = b - a >= 2 ? slope(t, pos, Math.max(0, a - 1), b) : smooth[a];
      double speed = v.translationSpeed(aspect);
      double intensity = Math.min(1.0, Math.max(speed / FULL_TRANSLATION,
          Math.max(Math.abs(v.zoom()) / FULL_ZOOM, Math.abs(v.roll()) / FULL_ROLL)));
      double smoothness = Math.pow(2.0, -segmentJitter(disp, valid, t, v, aspect, a, b) / SHAKE_THRESHOLD);
      segments.add(new MovementSegment(type, startFrame, endFrame, t[a], endTime, v, speed, intensity, smoothness));
      frameCounts.merge(type, b - a, Integer::sum);
    }
    MovementType dominant = MovementType.STATIC;
    int best = -1;
    for (var e : frameCounts.entrySet()) {
      if (e.getValue() > best) {
        best = e.getValue();
        dominant = e.getKey();
      }
    }
    int known = n - frameCounts.getOrDefault(MovementType.UNKNOWN, 0);
    double staticRatio = known == 0 ? 0 : frameCounts.getOrDefault(MovementType.STATIC, 0) / (double) known;
    double shake = rms(jitter2, valid, 0, n);
    double validRatio = n > 1 ? validCount / (double) (n - 1) : 0;
    return new SceneCamera(scene.sceneId(), scene.startFrame(), scene.endFrame(), scene.startTime(),
        scene.endTime(), dominant, staticRatio >= MOSTLY_STATIC, shake >= SHAKE_THRESHOLD, shake,
        validRatio, segments);
  }

  /**
   * The movement a smoothed camera velocity shows. Each of translation, zoom and roll is measured
   * in multiples of its threshold; below 1 everywhere is static; a second movement of at least
   * {@link #COMPLEX_RATIO} of the first is complex.
   */
  public static MovementType classify(CameraVelocity v, double aspect) {
    double panW = v.pan();
    double tiltW = v.tilt() / aspect;
    double tr = Math.hypot(panW, tiltW) / TRANSLATION_THRESHOLD;
    double zo = Math.abs(v.zoom()) / ZOOM_THRESHOLD;
    double ro = Math.abs(v.roll()) / ROLL_THRESHOLD;
    double max = Math.max(tr, Math.max(zo, ro));
    if (max < 1.0) {
      return MovementType.STATIC;
    }
    double second = tr == max ? Math.max(zo, ro) : zo == max ? Math.max(tr, ro) : Math.max(tr, zo);
    if (second >= 1.0 && second >= COMPLEX_RATIO * max) {
      return MovementType.COMPLEX;
    }
    if (zo == max) {
      return v.zoom() > 0 ? MovementType.ZOOM_IN : MovementType.ZOOM_OUT;
    }
    if (ro == max) {
      return MovementType.ROLL;
    }
    double ap = Math.abs(panW);
    double at = Math.abs(tiltW);
    if (Math.min(ap, at) >= DIAGONAL_RATIO * Math.max(ap, at)) {
      return MovementType.PAN_TILT;
    }
    if (ap > at) {
      return panW > 0 ? MovementType.PAN_RIGHT : MovementType.PAN_LEFT;
    }
    return v.tilt() > 0 ? MovementType.TILT_UP : MovementType.TILT_DOWN;
  }

  /**
   * The smoothing window blurs where a movement starts or stops by up to half its width: move each
   * boundary between two runs, within that reach, to where a straight line through each side fits
   * the trajectory best (least squares, each rate measured in multiples of its threshold).
   */
  static void refineBoundaries(List<int[]> runs, double[] t, double[][] pos, double[] unit, int reach) {
    for (int i = 0; i + 1 < runs.size(); i++) {
      int[] left = runs.get(i);
      int[] right = runs.get(i + 1);
      if (left[0] == MovementType.UNKNOWN.ordinal() || right[0] == MovementType.UNKNOWN.ordinal()) {
        continue;
      }
      int from = Math.max(left[1] + 1, left[2] - reach);
      int to = Math.min(right[2] - 1, left[2] + reach);
      int best = left[2];
      double bestErr = Double.MAX_VALUE;
      for (int j = from; j <= to; j++) {
        double err = lineError(t, pos, unit, left[1], j) + lineError(t, pos, unit, j, right[2]);
        if (err < bestErr - 1e-12) {
          bestErr = err;
          best = j;
        }
      }
      left[2] = best;
      right[1] = best;
    }
  }

  /** Residual sum of squares of a least-squares line through each scaled trajectory over [a, b). */
  private static double lineError(double[] t, double[][] pos, double[] unit, int a, int b) {
    int m = b - a;
    if (m < 3) {
      return 0;
    }
    double tm = 0;
    for (int k = a; k < b; k++) {
      tm += t[k];
    }
    tm /= m;
    double stt = 0;
    for (int k = a; k < b; k++) {
      stt += (t[k] - tm) * (t[k] - tm);
    }
    double err = 0;
    for (int c = 0; c < 4; c++) {
      double pm = 0;
      for (int k = a; k < b; k++) {
        pm += pos[c][k];
      }
      pm /= m;
      double spp = 0;
      double stp = 0;
      for (int k = a; k < b; k++) {
        double dp = pos[c][k] - pm;
        spp += dp * dp;
        stp += (t[k] - tm) * dp;
      }
      double sse = stt > 0 ? spp - stp * stp / stt : spp;
      err += Math.max(0, sse) / (unit[c] * unit[c]);
    }
    return err;
  }

  /**
   * Frames inside runs of more than {@code maxGap} invalid pairs; the scene's first frame (no pair)
   * goes with the second.
   */
  static boolean[] longGaps(boolean[] valid, int maxGap) {
    int n = valid.length;
    boolean[] out = new boolean[n];
    int k = 1;
    while (k < n) {
      if (valid[k]) {
        k++;
        continue;
      }
      int end = k;
      while (end < n && !valid[end]) {
        end++;
      }
      if (end - k > maxGap) {
        for (int j = k; j < end; j++) {
          out[j] = true;
        }
      }
      k = end;
    }
    if (n > 1 && out[1]) {
      out[0] = true;
    }
    return out;
  }

  /**
   * Short runs of invalid pairs take the average motion of the valid pairs around them: up to
   * {@code reach} on each side, not across a long run ({@code unknown}), which stays without
   * motion. A single pair copied over the run would carry its error into every frame of it, and the
   * pair just before tracking is lost is the least reliable of all: in a fade to black the last
   * fits are made on a few low-contrast points, and copied over the fade's last third of a second
   * their noise (0.5 % of scale in one pair) becomes a zoom of 0.12 a second.
   */
  private static void fillInvalid(double[][] disp, boolean[] valid, boolean[] unknown, int reach) {
    int n = valid.length;
    int k = 1;
    while (k < n) {
      if (valid[k] || unknown[k]) {
        k++;
        continue;
      }
      int end = k;
      while (end < n && !valid[end] && !unknown[end]) {
        end++;
      }
      double[] sum = new double[4];
      int count = 0;
      for (int j = k - 1, taken = 0; j >= 1 && !unknown[j] && taken < reach; j--) {
        if (valid[j]) {
          for (int c = 0; c < 4; c++) {
            sum[c] += disp[c][j];
          }
          count++;
          taken++;
        }
      }
      for (int j = end, taken = 0; j < n && !unknown[j] && taken < reach; j++) {
        if (valid[j]) {
          for (int c = 0; c < 4; c++) {
            sum[c] += disp[c][j];
          }
          count++;
          taken++;
        }
      }
      if (count > 0) {
        for (int j = k; j < end; j++) {
          for (int c = 0; c < 4; c++) {
            disp[c][j] = sum[c] / count;
          }
        }
      }
      k = end;
    }
  }

  /** Least-squares slope of each trajectory against time over indices [a, b). */
  static CameraVelocity slope(double[] t, double[][] pos, int a, int b) {
    int m = b - a;
    if (m < 2) {
      return CameraVelocity.ZERO;
    }
    double tm = 0;
    for (int k = a; k < b; k++) {
      tm += t[k];
    }
    tm /= m;
    double stt = 0;
    for (int k = a; k < b; k++) {
      stt += (t[k] - tm) * (t[k] - tm);
    }
    double[] out = new double[4];
    for (int c = 0; c < 4; c++) {
      double stp = 0;
      for (int k = a; k < b; k++) {
        stp += (t[k] - tm) * pos[c][k];
      }
      out[c] = stt > 0 ? stp / stt : 0;
    }
    return new CameraVelocity(out[0], out[1], out[2], out[3]);
  }

  /** RMS per-pair translation (frame widths) off the segment's own average velocity. */
  private static double segmentJitter(
      double[][] disp, boolean[] valid, double[] t, CameraVelocity v, double aspect, int a, int b) {
    double sum = 0;
    int count = 0;
    for (int k = Math.max(1, a); k < b; k++) {
      if (valid[k]) {
        double dt = t[k] - t[k - 1];
        double rx = disp[0][k] - v.pan() * dt;
        double ry = (disp[1][k] - v.tilt() * dt) / aspect;
        sum += rx * rx + ry * ry;
        count++;
      }
    }
    return count == 0 ? 0 : Math.sqrt(sum / count);
  }

  private static double rms(double[] sq, boolean[] valid, int a, int b) {
    double sum = 0;
    int count = 0;
    for (int k = Math.max(1, a); k < b; k++) {
      if (valid[k]) {
        sum += sq[k];
        count++;
      }
    }
    return count == 0 ? 0 : Math.sqrt(sum / count);
  }

  private static List<int[]> runs(MovementType[] types) {
    List<int[]> runs = new ArrayList<>();
    int start = 0;
    for (int k = 1; k <= types.length; k++) {
      if (k == types.length || types[k] != types[start]) {
        runs.add(new int[] {types[start].ordinal(), start, k});
        start = k;
      }
    }
    return runs;
  }

  /**
   * Repeatedly folds the shortest run under {@code minLen} into its longer neighbour (both
   * neighbours when they have the same type), until every run is long enough or one is left.
   */
  static List<int[]> mergeShortRuns(List<int[]> input, int minLen) {
    List<int[]> runs = new ArrayList<>(input);
    while (runs.size() > 1) {
      int shortest = -1;
      for (int i = 0; i < runs.size(); i++) {
        int len = runs.get(i)[2] - runs.get(i)[1];
        if (len < minLen && (shortest < 0 || len < runs.get(shortest)[2] - runs.get(shortest)[1])) {
          shortest = i;
        }
      }
      if (shortest < 0) {
        break;
      }
      int[] r = runs.get(shortest);
      int[] left = shortest > 0 ? runs.get(shortest - 1) : null;
      int[] right = shortest + 1 < runs.size() ? runs.get(shortest + 1) : null;
      if (left != null && right != null && left[0] == right[0]) {
        runs.set(shortest - 1, new int[] {left[0], left[1], right[2]});
        runs.remove(shortest + 1);
        runs.remove(shortest);
      } else if (right == null || (left != null && left[2] - left[1] >= right[2] - right[1])) {
        runs.set(shortest - 1, new int[] {left[0], left[1], r[2]});
        runs.remove(shortest);
      } else {
        runs.set(shortest + 1, new int[] {right[0], r[1], right[2]});
        runs.remove(shortest);
      }
    }
    return runs;
  }
}
