package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * Names one keyframe of a video: the earlier keyframe a repeated one duplicates.
 *
 * @param sceneId its scene (0 for interval frames)
 * @param position its position in the scene (interval frames: sequence number)
 * @param frame its decoded-frame index
 */
public record KeyframeRef(int sceneId, int position, long frame) implements Serializable {}
