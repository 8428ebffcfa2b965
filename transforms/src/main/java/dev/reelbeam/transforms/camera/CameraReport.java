package dev.reelbeam.transforms.camera;

import java.io.Serializable;
import java.util.List;

/**
 * Camera motion of a whole video: what {@code <video-id>_camera.json} holds.
 *
 * @param videoId the video
 * @param videoPath the input path
 * @param fps frames per second used for the rates
 * @param width displayed width
 * @param height displayed height
 * @param scenes per scene, in order
 * @param track per frame
 */
public record CameraReport(
    String videoId,
    String videoPath,
    double fps,
    int width,
    int height,
    List<SceneCamera> scenes,
    List<FrameMotion> track)
    implements Serializable {}
