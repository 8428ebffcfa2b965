package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.Transition.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;

/**
 * Clips with known transitions, built from real shared clips by the {@code ffmpeg} program inside
 * JavaCV's FFmpeg jar (nothing to install): shots 3 or 5 s long at 320x180, 25 fps, joined by FFmpeg's
 * {@code xfade} (fade, fadeblack, fadewhite, dissolve), its {@code fade} filter, hard cuts, and a
 * camera flash (two frames lifted towards white). Each clip knows where its transitions are.
 */
final class TransitionClips {
  static final double FPS = 25.0;

  /** One expected transition, frames [start, end). */
  record Expected(Type type, int start, int end) {}

  /** A built clip and what is in it. */
  record Clip(Path path, String name, List<Expected> transitions) {}

  /** Calm shots: a source clip and a start second. */
  private static final String[][] SHOTS = {
    {"moviepy/big_buck_bunny_0_30.webm", "3"},
    {"moviepy/big_buck_bunny_0_30.webm", "16.5"},
    {"opencv-doc/vtest.avi", "10"},
    {"moviepy/big_buck_bunny_0_30.webm", "24"},
    {"intel-sample-videos/car-detection.mp4", "1"},
  };

  private TransitionClips() {}

  private static String shotFilter(int input, int label, double seconds) {
    return "[" + input + ":v]fps=25,scale=320:180,setsar=1,format=yuv420p,trim=0:" + seconds + ","
        + "setpts=PTS-STARTPTS[s" + label + "]";
  }

  private static void ffmpeg(List<String> args) throws IOException, InterruptedException {
    String exe = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    List<String> cmd = new ArrayList<>();
    cmd.add(exe);
    cmd.add("-v");
    cmd.add("error");
    cmd.add("-y");
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + out);
    }
  }

  private static List<String> inputs(double seconds, int... shots) {
    List<String> a = new ArrayList<>();
    for (int s : shots) {
      a.add("-ss");
      a.add(SHOTS[s][1]);
      a.add("-t");
      a.add(Double.toString(seconds + 0.5));
      a.add("-i");
      a.add(Media.clip(SHOTS[s][0]));
    }
    return a;
  }

  /** Runs {@code graph} on {@code inputs} and encodes its {@code [v]} output to {@code out}. */
  private static void render(List<String> inputs, String graph, Path out)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(inputs);
    args.add("-filter_complex");
    args.add(graph);
    args.addAll(encode(out));
    ffmpeg(args);
  }

  private static List<String> encode(Path out) {
    return List.of("-map", "[v]", "-an", "-c:v", "mpeg4", "-q:v", "2", out.toString());
  }

  private static int frame(double seconds) {
    return (int) Math.round(seconds * FPS);
  }

  /**
   * Two xfades of one kind between three 5-s shots: the first at 2 s, the second 2 s after the
   * first ends. FFmpeg's fadeblack and fadewhite go to the colour in the first fifth of the
   * duration and come back from it in the rest (its phase of 0.2); fade and dissolve blend
   * throughout.
   */
  static Clip xfade(Path dir, String kind, double d1, double d2, int a, int b, int c)
      throws Exception {
    String name = String.format(Locale.ROOT, "xfade-%s-%.1f-%.1f", kind, d1, d2);
    Path out = dir.resolve(name + ".mp4");
    double o1 = 2.0;
    double o2 = o1 + d1 + 2.0;
    String graph = shotFilter(0, 0, 5) + ";" + shotFilter(1, 1, 5) + ";" + shotFilter(2, 2, 5) + ";"
        + String.format(Locale.ROOT, "[s0][s1]xfade=transition=%s:duration=%.2f:offset=%.2f[x];", kind, d1, o1)
        + String.format(Locale.ROOT, "[x][s2]xfade=transition=%s:duration=%.2f:offset=%.2f[v]", kind, d2, o2);
    render(inputs(5, a, b, c), graph, out);
    List<Expected> e = new ArrayList<>();
    for (double[] t : new double[][] {{o1, d1}, {o2, d2}}) {
      if (kind.equals("fadeblack") || kind.equals("fadewhite")) {
        e.add(new Expected(Type.FADE_OUT, frame(t[0]), frame(t[0] + 0.2 * t[1])));
        e.add(new Expected(Type.FADE_IN, frame(t[0] + 0.2 * t[1]), frame(t[0] + t[1])));
      } else {
        e.add(new Expected(Type.DISSOLVE, frame(t[0]), frame(t[0] + t[1])));
      }
    }
    return new Clip(out, name, e);
  }

  /**
   * One 4-s shot (100 frames) blurred (Gaussian, sigma 4) on every frame but {@code sharp}: a shot
   * whose only sharp frames are known.
   */
  static Path blurredShot(Path dir, int... sharp) throws Exception {
    Path out = dir.resolve("blurred.mp4");
    StringBuilder keep = new StringBuilder();
    for (int f : sharp) {
      keep.append(keep.length() == 0 ? "" : "+").append("eq(n\\,").append(f).append(')');
    }
    String graph = shotFilter(0, 0, 4) + ";[s0]gblur=sigma=4:enable='not(" + keep + ")'[v]";
    render(inputs(4, 0), graph, out);
    return out;
  }

  /** Shot a, shot b, then shot a again (the same 3 s), joined by hard cuts at frames 75 and 150. */
  static Path repeatedShot(Path dir, int a, int b) throws Exception {
    Path out = dir.resolve("repeated-" + a + "-" + b + ".mp4");
    String graph = shotFilter(0, 0, 3) + ";" + shotFilter(1, 1, 3) + ";" + shotFilter(2, 2, 3) + ";"
        + "[s0][s1][s2]concat=n=3:v=1:a=0[v]";
    render(inputs(3, a, b, a), graph, out);
    return out;
  }

  /**
   * Hard cuts between three shots, the middle one fading in from black and out to black, and a
   * camera flash (frames 20-21 of the last shot lifted towards white) in the last.
   */
  static Clip cutsFadesAndFlash(Path dir, double fadeIn, double fadeOut, int a, int b, int c)
      throws Exception {
    String name = String.format(Locale.ROOT, "cuts-fades-flash-%.1f-%.1f", fadeIn, fadeOut);
    Path out = dir.resolve(name + ".mp4");
    String graph = shotFilter(0, 0, 3) + ";" + shotFilter(1, 1, 3) + ";" + shotFilter(2, 2, 3) + ";"
        + String.format(Locale.ROOT, "[s1]fade=t=in:st=0:d=%.2f,fade=t=out:st=%.2f:d=%.2f[f];",
            fadeIn, 3.0 - fadeOut, fadeOut)
        + "[s2]lutyuv=y='min(255\\,val*0.4+160)':enable='between(n\\,20\\,21)'[g];"
        + "[s0][f][g]concat=n=3:v=1:a=0[v]";
    render(inputs(3, a, b, c), graph, out);
    List<Expected> e = new ArrayList<>();
    e.add(new Expected(Type.CUT, 75, 75));
    e.add(new Expected(Type.FADE_IN, 75, 75 + frame(fadeIn)));
    e.add(new Expected(Type.FADE_OUT, 150 - frame(fadeOut), 150));
    e.add(new Expected(Type.CUT, 150, 150));
    e.add(new Expected(Type.FLASH, 170, 172));
    return new Clip(out, name, e);
  }

  static Path dir() throws IOException {
    Path d = Path.of("target", "transition-clips");
    Files.createDirectories(d);
    return d;
  }
}
