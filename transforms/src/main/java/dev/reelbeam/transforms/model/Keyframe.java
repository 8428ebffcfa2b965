package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * One keyframe: a written frame image, or (with {@code --dedup}) a duplicate listed but not written.
 *
 * @param videoId the video
 * @param sceneId 1-based scene number (0 for interval frames)
 * @param position 0 begin, 1 middle, 2 end (interval frames: their sequence number)
 * @param frame decoded-frame index
 * @param time presentation time in seconds
 * @param path output path of the JPEG, relative to the output root; null when not written
 * @param quality the frame's sharpness, brightness, contrast and perceptual hash
 * @param duplicateOf the earlier keyframe of the video this one repeats, or null
 */
public record Keyframe(
    String videoId,
    int sceneId,
    int position,
    long frame,
    double time,
    String path,
    FrameQuality quality,
    KeyframeRef duplicateOf)
    implements Serializable {

  /** A written keyframe whose quality is not known. */
  public Keyframe(String videoId, int sceneId, int position, long frame, double time, String path) {
    this(videoId, sceneId, position, frame, time, path, FrameQuality.UNKNOWN, null);
  }

  /** Whether its image was written ({@code --dedup} leaves duplicates unwritten). */
  public boolean written() {
    return path != null;
  }
}
