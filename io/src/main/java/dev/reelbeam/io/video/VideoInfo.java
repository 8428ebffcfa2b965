package dev.reelbeam.io.video;

import java.io.Serializable;
import java.util.List;

/**
 * What probing a video tells us, before any frame is decoded. Small and serializable: it travels
 * with every segment of the video through the pipeline.
 *
 * @param path the input as given to Beam's FileSystems (absolute local path or URI)
 * @param videoId deterministic id: file name without extension, '_', short hash of the path
 * @param codedWidth width of decoded frames before rotation
 * @param codedHeight height of decoded frames before rotation
 * @param displayWidth width as displayed (after rotation and sample aspect ratio)
 * @param displayHeight height as displayed
 * @param rotation display rotation in degrees, as OpenCV 4.6 applies it (0, 90, 180, 270)
 * @param fps average frame rate snapped as PySceneDetect does (N*1000/1001 when close)
 * @param frameRate the stream's average frame rate as a rational "num/den"
 * @param durationSeconds container or stream duration
 * @param frameCountEstimate frames expected from duration and fps (the decode gives the real count)
 * @param startTimeSeconds the stream's start time, subtracted from every timestamp
 * @param videoCodec codec name as FFmpeg reports it
 * @param keyframeTimes presentation times (seconds, start time subtracted) of video keyframes, for
 *     planning segments; may hold only the first keyframe for short videos
 * @param hasAudio whether an audio stream exists
 * @param audioChannels channels of the audio stream (0 without audio)
 * @param audioSampleRate sample rate of the audio stream (0 without audio)
 * @param fingerprint input fingerprint (size, mtime, hash of head and tail; and a hash of its
 *     sidecar subtitles' fingerprints when it has any)
 */
public record VideoInfo(
    String path,
    String videoId,
    int codedWidth,
    int codedHeight,
    int displayWidth,
    int displayHeight,
    int rotation,
    double fps,
    String frameRate,
    double durationSeconds,
    long frameCountEstimate,
    double startTimeSeconds,
    String videoCodec,
    List<Double> keyframeTimes,
    boolean hasAudio,
    int audioChannels,
    int audioSampleRate,
    String fingerprint)
    implements Serializable {}
