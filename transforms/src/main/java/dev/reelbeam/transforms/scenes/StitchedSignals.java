package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.MotionSample;

/**
 * The per-frame signals of a whole video, as one sequential pass would have produced them.
 *
 * @param video the video
 * @param clock its stream clock
 * @param pts presentation timestamps
 * @param times seconds, stream start subtracted
 * @param deltaHue delta_hue (0 for frame 0)
 * @param deltaSat delta_sat
 * @param deltaLum delta_lum
 * @param deltaEdges delta_edges (zeros unless computed)
 * @param edges whether delta_edges were computed
 * @param motion motion to the previous frame (NONE for frame 0)
 * @param averageRgb average_rgb
 * @param hashDist hash_dist (NaN for frame 0)
 * @param histDiff hist_diff (NaN for frame 0)
 * @param lumaStd standard deviation of each frame's grey levels
 * @param thumbnails 8x8 grey thumbnails, 64 bytes a frame
 * @param sharpness variance of the Laplacian per frame
 * @param brightness mean grey level per frame
 * @param phash 64-bit perceptual hash per frame
 */
public record StitchedSignals(
    VideoInfo video,
    StreamClock clock,
    long[] pts,
    double[] times,
    double[] deltaHue,
    double[] deltaSat,
    double[] deltaLum,
    double[] deltaEdges,
    boolean edges,
    MotionSample[] motion,
    double[] averageRgb,
    double[] hashDist,
    double[] histDiff,
    double[] lumaStd,
    byte[] thumbnails,
    double[] sharpness,
    double[] brightness,
    long[] phash) {

  public int frameCount() {
    return pts.length;
  }
}
