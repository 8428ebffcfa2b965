package dev.reelbeam.transforms.composition;

import java.io.Serializable;

/**
 * A main salient region: a connected part of the weight map above the subject threshold.
 * Coordinates are fractions of the frame's width and height.
 *
 * @param x left edge of the bounding box
 * @param y top edge
 * @param width box width
 * @param height box height
 * @param areaRatio region pixels / frame pixels
 * @param weightShare the region's share of the frame's total visual weight
 * @param centerX weighted centroid x
 * @param centerY weighted centroid y
 * @param nearestPowerPoint name of the closest power point (top_left, top_right, bottom_left, bottom_right)
 * @param powerPointDistance distance from the centroid to it, in normalised units
 */
public record Subject(
    double x,
    double y,
    double width,
    double height,
    double areaRatio,
    double weightShare,
    double centerX,
    double centerY,
    String nearestPowerPoint,
    double powerPointDistance)
    implements Serializable {}
