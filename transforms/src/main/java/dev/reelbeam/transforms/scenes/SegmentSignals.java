package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import java.io.Serializable;

/**
 * What decoding one segment produced: per-frame raw deltas and motion (never frames), plus the tiny
 * state the stitch needs to compute the first frame's deltas and motion against the previous
 * segment's last frame: both edge frames of the segment as lossless PNG of the small BGR copy.
 *
 * <p>The first frame of a segment other than the first carries zero deltas, NaN hash and
 * histogram differences and {@link MotionSample#NONE} here; {@link SegmentStitcher} replaces them. The motion estimator
 * factory travels with the signals so the stitch can compute the boundary motion with the same
 * estimator (the estimator must depend only on the pair of frames it is given).
 *
 * @param segment the decoded segment
 * @param clock the video stream's clock (time base, start)
 * @param downscaleTarget the small copy's longer-side target the deltas were computed at
 * @param edges whether deltaEdges were computed
 * @param pts presentation timestamps in time-base units, one per frame, presentation order
 * @param deltaHue delta_hue per frame
 * @param deltaSat delta_sat per frame
 * @param deltaLum delta_lum per frame
 * @param deltaEdges delta_edges per frame (zeros when not computed)
 * @param motion motion per frame ({@code null} entries never; NONE without an estimator)
 * @param firstSmallPng the segment's first small BGR frame, PNG (null when the segment is empty)
 * @param lastSmallPng the segment's last small BGR frame, PNG (null when the segment is empty)
 * @param motionFactory the estimator factory used for the segment, or null (no motion)
 * @param skippedFrames frames dropped because their size differed from the stream's
 * @param metricSettings the settings the hash and histogram were computed with
 * @param averageRgb average_rgb per frame (ThresholdDetector)
 * @param hashDist hash_dist per frame (HashDetector); NaN for the segment's first frame
 * @param histDiff hist_diff per frame (HistogramDetector); NaN for the segment's first frame
 * @param lumaStd standard deviation of each frame's grey levels (how flat it is)
 * @param thumbnails each frame's 8x8 grey thumbnail, 64 bytes a frame, in frame order
 * @param sharpness each frame's variance of the Laplacian (keyframe choice)
 * @param brightness each frame's mean grey level
 * @param phash each frame's 64-bit perceptual hash
 */
public record SegmentSignals(
    VideoSegment segment,
    StreamClock clock,
    int downscaleTarget,
    boolean edges,
    long[] pts,
    double[] deltaHue,
    double[] deltaSat,
    double[] deltaLum,
    double[] deltaEdges,
    MotionSample[] motion,
    byte[] firstSmallPng,
    byte[] lastSmallPng,
    MotionEstimatorFactory motionFactory,
    long skippedFrames,
    DetectorSettings metricSettings,
    double[] averageRgb,
    double[] hashDist,
    double[] histDiff,
    double[] lumaStd,
    byte[] thumbnails,
    double[] sharpness,
    double[] brightness,
    long[] phash)
    implements Serializable {

  public VideoInfo video() {
    return segment.video();
  }

  public int frameCount() {
    return pts.length;
  }
}
