package dev.reelbeam.transforms.camera;

import java.io.Serializable;
import java.util.Map;

/**
 * What a run summary (analysis_summary.json) and a manifest need to know about one video's camera
 * motion, without reading the JSON file back.
 *
 * @param videoId the video
 * @param output path of {@code <video-id>_camera.json}, relative to the output root
 * @param scenes number of scenes
 * @param frames frames analysed
 * @param durationSeconds seconds covered
 * @param dominantMovement the movement (other than unknown) covering most frames, JSON name
 * @param mostlyStaticScenes scenes at least 80 % static
 * @param handheldScenes scenes flagged handheld
 * @param movementCounts segments per movement type, JSON names, every type in a fixed order
 * @param movementSeconds seconds per movement type, same order
 */
public record CameraSummary(
    String videoId,
    String output,
    int scenes,
    long frames,
    double durationSeconds,
    String dominantMovement,
    int mostlyStaticScenes,
    int handheldScenes,
    Map<String, Integer> movementCounts,
    Map<String, Double> movementSeconds)
    implements Serializable {}
