package dev.reelbeam.io.audio;

import java.io.Serializable;

/**
 * The audio track written for one video.
 *
 * @param path WAV path relative to the output root ({@code audio/<video-id>_audio.wav}), or null
 *     when the video has no audio stream (then nothing is written and every other field is 0)
 * @param sampleRate samples per second of the WAV (16000)
 * @param channels channels of the WAV (1)
 * @param durationSeconds {@code sampleCount / sampleRate}
 * @param sampleCount samples per channel written
 */
public record AudioInfo(
    String path, int sampleRate, int channels, double durationSeconds, long sampleCount)
    implements Serializable {

  public static AudioInfo none() {
    return new AudioInfo(null, 0, 0, 0, 0);
  }
}
