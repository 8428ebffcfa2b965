package dev.reelbeam.transforms.camera;

import dev.reelbeam.transforms.model.MotionSample;
import java.io.Serializable;

/**
 * One frame of the motion track.
 *
 * @param frame decoded-frame index
 * @param time seconds
 * @param sceneId the frame's scene
 * @param raw the estimator's sample for the pair (previous frame, this frame); {@link
 *     MotionSample#NONE} on the first frame of a scene (pairs across a cut are skipped)
 * @param smoothed camera rates at this frame after smoothing over about a second
 * @param type the movement this frame was classified as
 */
public record FrameMotion(
    long frame, double time, int sceneId, MotionSample raw, CameraVelocity smoothed, MovementType type)
    implements Serializable {}
