package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * PySceneDetect ContentDetector parameters. Defaults are PySceneDetect's: threshold 27, min scene
 * length 15 frames, weights hue/sat/lum/edges 1/1/1/0, automatic downscale to about 256 px.
 *
 * @param threshold a frame whose content value is at or above this is a cut candidate
 * @param minSceneLen frames; converted to seconds through the video's fps as PySceneDetect does
 * @param weightHue weight of delta_hue
 * @param weightSat weight of delta_sat
 * @param weightLum weight of delta_lum
 * @param weightEdges weight of delta_edges (0: edges are not computed)
 * @param downscaleTarget target size of the longer side for the automatic downscale
 */
public record DetectorSettings(
    double threshold,
    int minSceneLen,
    double weightHue,
    double weightSat,
    double weightLum,
    double weightEdges,
    int downscaleTarget)
    implements Serializable {

  public static DetectorSettings defaults() {
    return new DetectorSettings(27.0, 15, 1.0, 1.0, 1.0, 0.0, 256);
  }

  public DetectorSettings withThreshold(double t) {
    return new DetectorSettings(t, minSceneLen, weightHue, weightSat, weightLum, weightEdges, downscaleTarget);
  }

  public DetectorSettings withMinSceneLen(int n) {
    return new DetectorSettings(threshold, n, weightHue, weightSat, weightLum, weightEdges, downscaleTarget);
  }
}
