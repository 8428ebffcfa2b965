package dev.reelbeam.transforms.composition;

import java.io.Serializable;
import java.util.List;

/**
 * Composition of one frame; every score in [0, 1], higher is better (formulas in {@link
 * CompositionMetrics} and {@code src/site/markdown/analysis.md}).
 *
 * @param thirds rule-of-thirds score: {@code 0.6 thirdsPoints + 0.4 thirdsLines}
 * @param thirdsPoints subjects' closeness to the power points (Liu et al. 2010)
 * @param thirdsLines share of the weight near the third lines
 * @param powerPoints usage of the four power points, order top_left, top_right, bottom_left, bottom_right
 * @param symmetry {@code max(symmetryLeftRight, symmetryTopBottom)}
 * @param symmetryLeftRight mirror similarity about the vertical centre line
 * @param symmetryTopBottom mirror similarity about the horizontal centre line
 * @param balance {@code 0.5 centerBalance + 0.25 balanceLeftRight + 0.25 balanceTopBottom}
 * @param centerBalance closeness of the weighted centre of mass to the frame centre (Liu et al. 2010)
 * @param balanceLeftRight lighter side's weight / heavier side's weight, left-right
 * @param balanceTopBottom the same, top-bottom
 * @param centerOffsetX centre of mass x minus 0.5 (signed, fraction of width)
 * @param centerOffsetY centre of mass y minus 0.5 (signed, fraction of height)
 * @param subjects the main salient regions, heaviest first (at most 3)
 * @param overall {@code 0.5 thirds + 0.3 balance + 0.2 symmetry}
 */
public record CompositionScores(
    double thirds,
    double thirdsPoints,
    double thirdsLines,
    List<Double> powerPoints,
    double symmetry,
    double symmetryLeftRight,
    double symmetryTopBottom,
    double balance,
    double centerBalance,
    double balanceLeftRight,
    double balanceTopBottom,
    double centerOffsetX,
    double centerOffsetY,
    List<Subject> subjects,
    double overall)
    implements Serializable {}
