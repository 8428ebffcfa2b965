package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * Global (camera) motion between a frame and the one before it, from sparse features tracked on a
 * small grey copy and a robust similarity fit. Translations are in fractions of the frame width and
 * height so that resolution does not matter.
 *
 * @param dx horizontal translation of the image content, fraction of frame width (+ = content moves
 *     right)
 * @param dy vertical translation of the image content, fraction of frame height (+ = content moves
 *     down)
 * @param scale scale factor of the content (>1 = content grows, zoom in)
 * @param rotation rotation of the content in degrees (+ = counter-clockwise)
 * @param inlierRatio fraction of tracked features that agree with the fit (0 when no fit)
 * @param tracked number of features tracked
 * @param valid false when too few features were tracked or no fit was found
 */
public record MotionSample(
    double dx,
    double dy,
    double scale,
    double rotation,
    double inlierRatio,
    int tracked,
    boolean valid)
    implements Serializable {

  public static final MotionSample NONE = new MotionSample(0, 0, 1, 0, 0, 0, false);
}
