package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * One shot between two cuts.
 *
 * @param sceneId 1-based
 * @param startFrame first frame, inclusive
 * @param endFrame end frame, exclusive
 * @param startTime time of the first frame, seconds
 * @param endTime time of the end frame (or the video's end), seconds
 */
public record Scene(int sceneId, long startFrame, long endFrame, double startTime, double endTime)
    implements Serializable {}
