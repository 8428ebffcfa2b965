package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * One written frame image.
 *
 * @param videoId the video
 * @param sceneId 1-based scene number (0 for interval frames)
 * @param position 0 begin, 1 middle, 2 end (interval frames: their sequence number)
 * @param frame decoded-frame index
 * @param time presentation time in seconds
 * @param path output path of the JPEG, relative to the output root
 */
public record Keyframe(
    String videoId, int sceneId, int position, long frame, double time, String path)
    implements Serializable {}
