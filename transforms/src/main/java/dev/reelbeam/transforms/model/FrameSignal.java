package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * The compact per-frame record the single decode pass emits instead of the frame itself.
 *
 * @param frame 0-based decoded-frame index within the whole video (after stitching)
 * @param time presentation time in seconds, stream start time subtracted
 * @param deltaHue mean absolute hue difference to the previous frame (PySceneDetect's delta_hue)
 * @param deltaSat mean absolute saturation difference
 * @param deltaLum mean absolute value (luma) difference
 * @param contentVal (deltaHue + deltaSat + deltaLum) / 3; 0 for the first frame
 * @param motion global motion to the previous frame ({@link MotionSample#NONE} for the first)
 */
public record FrameSignal(
    long frame,
    double time,
    double deltaHue,
    double deltaSat,
    double deltaLum,
    double contentVal,
    MotionSample motion)
    implements Serializable {}
