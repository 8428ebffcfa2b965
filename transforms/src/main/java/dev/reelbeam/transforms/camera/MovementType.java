package dev.reelbeam.transforms.camera;

import java.util.Locale;

/**
 * What the camera does during a segment, named from the camera's point of view: a camera panning
 * right makes the content move left.
 */
public enum MovementType {
  STATIC,
  PAN_LEFT,
  PAN_RIGHT,
  TILT_UP,
  TILT_DOWN,
  ZOOM_IN,
  ZOOM_OUT,
  ROLL,
  PAN_TILT,
  COMPLEX,
  /**
   * No trustworthy motion for longer than {@link CameraMotionAnalyzer#MAX_GAP_SECONDS}: too few
   * features (a clear sky, a black frame) or no consistent fit. Not a movement, a missing measure.
   */
  UNKNOWN;

  /** The name used in JSON outputs: lower case with underscores ({@code pan_left}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
