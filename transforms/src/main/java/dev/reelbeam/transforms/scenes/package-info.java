/**
 * The plain-Java algorithms under {@code VideoToFrames}, {@code FramesToScenes} and
 * {@code ExtractFrames}: segment planning and decoding ({@link
 * dev.reelbeam.transforms.scenes.SegmentPlanner}, {@link
 * dev.reelbeam.transforms.scenes.SegmentAnalyzer}), stitching ({@link
 * dev.reelbeam.transforms.scenes.SegmentStitcher}), PySceneDetect's ContentDetector ({@link
 * dev.reelbeam.transforms.scenes.ContentScorer}, {@link dev.reelbeam.transforms.scenes.FlashFilter},
 * {@link dev.reelbeam.transforms.scenes.CutDetector}, {@link
 * dev.reelbeam.transforms.scenes.SceneListBuilder}) and keyframe placement and writing ({@link
 * dev.reelbeam.transforms.scenes.KeyframePlanner}, {@link
 * dev.reelbeam.transforms.scenes.KeyframeWriter}).
 */
package dev.reelbeam.transforms.scenes;
