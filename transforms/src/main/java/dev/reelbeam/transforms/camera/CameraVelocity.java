package dev.reelbeam.transforms.camera;

import java.io.Serializable;

/**
 * Camera motion rates, camera-centric, per second so that neither frame rate nor resolution
 * matters.
 *
 * @param pan frame widths per second, + = the camera pans right (content moves left)
 * @param tilt frame heights per second, + = the camera tilts up (content moves down)
 * @param zoom natural log of the scale change per second, + = zoom in (content grows)
 * @param roll degrees per second, + = the camera rolls clockwise (content turns counter-clockwise)
 */
public record CameraVelocity(double pan, double tilt, double zoom, double roll) implements Serializable {

  public static final CameraVelocity ZERO = new CameraVelocity(0, 0, 0, 0);

  /** Translation speed in frame widths per second, the vertical part converted by the aspect ratio. */
  public double translationSpeed(double aspect) {
    return Math.hypot(pan, tilt / aspect);
  }
}
