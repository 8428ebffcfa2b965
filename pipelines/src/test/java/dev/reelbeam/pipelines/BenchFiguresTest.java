package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's parsing of process figures and ffmpeg's -benchmark lines, its ratios and medians. */
class BenchFiguresTest {

  @Test
  void reelbeamProcessAddsTheLauncherAndTheProgram() {
    ProcessCost c = ProcessCost.fromFigures(12.5, List.of(
        "reelbeam 4242 20.31 1.50 1048576",
        "launcher 4200 0.12 0.03 41000"));
    assertEquals(12.5, c.wall());
    assertEquals(20.43, c.user(), 1e-9);
    assertEquals(1.53, c.sys(), 1e-9);
    assertEquals(21.96, c.cpu(), 1e-9);
    assertEquals(1_089_576, c.peakRssKb());
  }

  @Test
  void noFiguresIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> ProcessCost.fromFigures(1, List.of("", "garbage")));
  }

  @Test
  void ffmpegBenchmarkLines() {
    String stderr = "frame=11520 fps=330 q=-0.0 Lsize=N/A time=00:08:00.00 bitrate=N/A speed=13.7x\n"
        + "video:6030kB audio:0kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown\n"
        + "bench: utime=36.920s stime=0.120s rtime=35.011s\n"
        + "bench: maxrss=81234kB\n";
    ProcessCost c = ProcessCost.fromFfmpegBenchmark(35.2, stderr);
    assertEquals(35.2, c.wall());
    assertEquals(36.92, c.user(), 1e-9);
    assertEquals(0.12, c.sys(), 1e-9);
    assertEquals(81_234, c.peakRssKb());
    // newer FFmpeg spells the unit KiB
    assertEquals(500, ProcessCost.fromFfmpegBenchmark(1, "bench: utime=1.0s stime=0.0s rtime=1s\nbench: maxrss=500KiB").peakRssKb());
    assertThrows(IllegalArgumentException.class, () -> ProcessCost.fromFfmpegBenchmark(1, "no figures"));
  }

  private static ProcessCost cost(double wall, double cpu) {
    return new ProcessCost(wall, cpu, 0, 1000);
  }

  private static double ratio(Map<BenchRatios.Ratio, Double> ratios, String label) {
    return ratios.entrySet().stream().filter(e -> e.getKey().label().startsWith(label))
        .findFirst().orElseThrow().getValue();
  }

  @Test
  void ratiosOfOneRoundAndNaNForRunsNotMade() {
    Map<String, ProcessCost> round = Map.of(
        "ffmpeg1", cost(35, 37), "ffmpeg", cost(27, 45), "w1", cost(61, 60), "w2", cost(44, 91), "exact", cost(44, 64));
    Map<BenchRatios.Ratio, Double> r = BenchRatios.of(round);
    assertEquals(44.0 / 27, ratio(r, "stage1 --workers=2 wall / ffmpeg default"), 1e-9);
    assertEquals(60.0 / 37, ratio(r, "stage1 --workers=1 CPU"), 1e-9);
    assertEquals(91.0 / 37, ratio(r, "stage1 --workers=2 CPU"), 1e-9);
    assertEquals(61.0 / 44, ratio(r, "stage1 speed-up"), 1e-9);
    assertEquals(1.0, ratio(r, "PySceneDetect's path wall"), 1e-9);
    assertTrue(Double.isNaN(ratio(r, "run --workers=2 wall")), "run2 was not made");
    assertTrue(Double.isNaN(ratio(r, "run speed-up")));
  }

  @Test
  void theColdStartIsHeldToTwoAndAHalfSeconds() {
    assertEquals(3.0 / 2.5, ratio(BenchRatios.of(Map.of("cold", cost(3.0, 4.5))), "cold stage1 of a 1-second clip"), 1e-9);
    assertTrue(Double.isNaN(ratio(BenchRatios.of(Map.of("w2", cost(3.0, 4.5))), "cold stage1")), "cold was not made");
    List<Map<String, ProcessCost>> rounds = List.of(
        Map.of("cold", cost(2.0, 4)), Map.of("cold", cost(4.0, 5)), Map.of("cold", cost(3.0, 6)), Map.of("w1", cost(9, 9)));
    assertEquals(3.0, BenchRatios.medianCosts(rounds).get("cold").wall(), 1e-9);
    assertEquals(5.0, BenchRatios.medianCosts(rounds).get("cold").cpu(), 1e-9);
    assertEquals(1.2, ratio(BenchRatios.medianRatios(rounds), "cold stage1"), 1e-9);
  }

  @Test
  void mediansOverRoundsSkipRunsNotMade() {
    assertEquals(2.0, BenchRatios.median(new double[] {3, 1, 2}));
    assertEquals(2.5, BenchRatios.median(new double[] {4, 1, 2, 3}));
    assertEquals(2.0, BenchRatios.median(new double[] {Double.NaN, 2}));
    assertTrue(Double.isNaN(BenchRatios.median(new double[] {Double.NaN})));

    List<Map<String, ProcessCost>> rounds = List.of(
        Map.of("ffmpeg", cost(20, 40), "w2", cost(30, 60)),
        Map.of("ffmpeg", cost(30, 50), "w2", cost(30, 60)),
        Map.of("w2", cost(40, 70)));
    Map<String, ProcessCost> m = BenchRatios.medianCosts(rounds);
    assertEquals(25, m.get("ffmpeg").wall(), 1e-9);
    assertEquals(45, m.get("ffmpeg").cpu(), 1e-9);
    assertEquals(30, m.get("w2").wall(), 1e-9);
    // the ratio's median is over the rounds that had both runs: 30/20 and 30/30
    assertEquals(1.25, ratio(BenchRatios.medianRatios(rounds), "stage1 --workers=2 wall / ffmpeg default"), 1e-9);
  }

  @Test
  void filmsAreNamedByCodec() {
    Path dir = Path.of("/cache/film");
    assertEquals(List.of(BenchFilm.X264, BenchFilm.X264_VERYFAST),
        BenchFilm.parse("x264, x264-veryfast", () -> false, dir, 8));
    assertEquals(List.of(BenchFilm.X264, BenchFilm.X264_VERYFAST), BenchFilm.parse("auto", () -> true, dir, 8));
    assertEquals(List.of(BenchFilm.H264), BenchFilm.parse("auto", () -> false, dir, 8));
    assertThrows(IllegalArgumentException.class, () -> BenchFilm.parse("x265", () -> true, dir, 8));
    // cached names stay those of earlier benches
    assertEquals(dir.resolve("bench_1080p_x264_8min.mp4"), BenchFilm.X264.path(dir, 8));
    assertEquals(dir.resolve("bench_1080p_h264_8min_v2.mp4"), BenchFilm.H264.path(dir, 8));
    assertEquals(dir.resolve("bench_1080p_x264-veryfast_8min.mp4"), BenchFilm.X264_VERYFAST.path(dir, 8));
    assertEquals(BenchFilm.H264, BenchFilm.X264_VERYFAST.madeFrom().orElseThrow());
    assertTrue(BenchFilm.X264_VERYFAST.x264Args().containsAll(List.of("-g", "48", "-keyint_min", "48")));
  }
}
