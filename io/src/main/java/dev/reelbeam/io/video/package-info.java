/**
 * Reading videos through JavaCV/FFmpeg: {@link dev.reelbeam.io.video.VideoProbe} (stream facts
 * and keyframes without decoding), {@link dev.reelbeam.io.video.VideoDecoder} (the one decode
 * pass, bit-exact with PySceneDetect's OpenCV backend), {@link dev.reelbeam.io.video.FrameFetcher}
 * (chosen frames by seeking). Failures are {@link dev.reelbeam.io.video.MediaException}s whose
 * message says what is wrong with the file.
 */
package dev.reelbeam.io.video;
