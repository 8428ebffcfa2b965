package dev.reelbeam.transforms.camera;

import java.io.Serializable;

/**
 * A run of frames with one steady camera movement.
 *
 * @param type the movement
 * @param startFrame first frame, inclusive
 * @param endFrame end frame, exclusive
 * @param startTime time of the first frame, seconds
 * @param endTime time of the end frame, seconds
 * @param velocity average rates over the segment (slope of the accumulated motion against time)
 * @param speed translation speed in frame widths per second
 * @param intensity how strong the movement is, in [0, 1]
 * @param smoothness 1 for a perfectly steady movement, towards 0 as frame-to-frame jitter grows
 */
public record MovementSegment(
    MovementType type,
    long startFrame,
    long endFrame,
    double startTime,
    double endTime,
    CameraVelocity velocity,
    double speed,
    double intensity,
    double smoothness)
    implements Serializable {

  public long frames() {
    return endFrame - startFrame;
  }

  public double duration() {
    return endTime - startTime;
  }
}
