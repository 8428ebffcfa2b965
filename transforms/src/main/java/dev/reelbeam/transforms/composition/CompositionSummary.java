package dev.reelbeam.transforms.composition;

import java.io.Serializable;

/**
 * One video's composition in brief, for analysis_summary.json and manifests.
 *
 * @param videoId the video
 * @param output path of {@code <video-id>_composition.json}, relative to the output root
 * @param keyframes keyframes scored
 * @param scenes scenes with at least one keyframe
 * @param averageOverall mean overall score
 * @param averageThirds mean rule-of-thirds score
 * @param averageBalance mean balance score
 * @param averageSymmetry mean symmetry score
 * @param bestPath keyframe with the highest overall score (relative path)
 * @param bestScore its score
 * @param worstPath keyframe with the lowest overall score
 * @param worstScore its score
 */
public record CompositionSummary(
    String videoId,
    String output,
    int keyframes,
    int scenes,
    double averageOverall,
    double averageThirds,
    double averageBalance,
    double averageSymmetry,
    String bestPath,
    double bestScore,
    String worstPath,
    double worstScore)
    implements Serializable {}
