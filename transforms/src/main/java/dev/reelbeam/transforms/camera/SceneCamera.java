package dev.reelbeam.transforms.camera;

import java.io.Serializable;
import java.util.List;

/**
 * The camera's behaviour over one shot.
 *
 * @param sceneId 1-based scene number
 * @param startFrame first frame, inclusive
 * @param endFrame end frame, exclusive
 * @param startTime seconds
 * @param endTime seconds
 * @param dominant the movement covering most frames
 * @param mostlyStatic at least {@link CameraMotionAnalyzer#MOSTLY_STATIC} of the frames are static
 * @param handheld frame-to-frame jitter at or above the shake threshold
 * @param shake the jitter: RMS frame-to-frame deviation from the smoothed motion, frame widths
 * @param validRatio fraction of frame pairs with a trustworthy motion fit
 * @param segments the steady-motion segments, in order, covering the scene
 */
public record SceneCamera(
    int sceneId,
    long startFrame,
    long endFrame,
    double startTime,
    double endTime,
    MovementType dominant,
    boolean mostlyStatic,
    boolean handheld,
    double shake,
    double validRatio,
    List<MovementSegment> segments)
    implements Serializable {}
