package dev.reelbeam.io.audio;

import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.video.MediaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;


/**
 * Writes the whole audio track of a video as 16 kHz mono 16-bit PCM WAV, resampled and downmixed
 * by FFmpeg's swresample (through {@link FFmpegFrameGrabber}'s sample rate, channels and sample
 * format), streamed to a temporary file and renamed into place (never held in memory). A video
 * without an audio stream writes nothing and returns {@link AudioInfo#none()}. An audio stream that
 * FFmpeg cannot decode is a {@link MediaException} (the caller records it for the audio stage only).
 */
public final class AudioExtractor {
  public static final int SAMPLE_RATE = 16_000;
  private static final int HEADER = 44;

  private AudioExtractor() {}

  /**
   * @param videoPath the input
   * @param outputRoot the output root
   * @param relativePath where to write, relative to {@code outputRoot}
   */
  public static AudioInfo extract(String videoPath, Path outputRoot, String relativePath)
      throws IOException {
    return extract(videoPath, OutputStore.at(outputRoot.toString()), relativePath);
  }

  /**
   * @param videoPath the input
   * @param outputRoot the output directory, on any filesystem
   * @param relativePath where to write, relative to {@code outputRoot}
   */
  public static AudioInfo extract(String videoPath, OutputStore outputRoot, String relativePath)
      throws IOException {
    try (dev.reelbeam.io.video.LocalVideoFile local = dev.reelbeam.io.video.LocalVideoFile.open(videoPath)) {
      return extract(videoPath, local.path(videoPath), outputRoot, relativePath);
    }
  }

  /** Extracts from {@code localPath}, the local file of {@code videoPath} (a copy when remote). */
  private static AudioInfo extract(String videoPath, String localPath, OutputStore outputRoot, String relativePath)
      throws IOException {
    dev.reelbeam.io.video.FFmpegSupport.quietLogs();
    checkFile(localPath);
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(localPath);
    // grabSamples() skips video packets without decoding them
    g.setSampleRate(SAMPLE_RATE);
    g.setAudioChannels(1);
    g.setSampleFormat(AV_SAMPLE_FMT_S16);
    try {
      g.start();
    } catch (Exception e) {
      release(g);
      throw new MediaException(
          "Cannot read the audio of " + videoPath + ": the audio stream is corrupt or the file is not"
              + " a readable media file (FFmpeg: " + dev.reelbeam.io.video.FFmpegSupport.reason(e) + ")",
          e);
    }
    try {
      if (g.getAudioStream() < 0 || g.getAudioChannels() <= 0) {
        return AudioInfo.none();
      }
      dev.reelbeam.io.video.FFmpegSupport.discardAllBut(g, g.getAudioStream());
      long[] written = {0};
      outputRoot.writeFromLocal(relativePath, tmp -> written[0] = writeWav(g, videoPath, tmp));
      long samples = written[0];
      return new AudioInfo(
          relativePath.replace('\\', '/'), SAMPLE_RATE, 1, samples / (double) SAMPLE_RATE, samples);
    } finally {
      release(g);
    }
  }

  /** Writes the WAV of the started grabber {@code g} to the new file {@code tmp}; returns its samples. */
  private static long writeWav(FFmpegFrameGrabber g, String videoPath, Path tmp) throws IOException {
    long samples = 0;
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(header(0));
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
      Frame f;
      while (true) {
        try {
          f = g.grabSamples();
        } catch (Exception e) {
          throw new MediaException(
              "Cannot decode the audio of " + videoPath + ": the audio stream is corrupt (FFmpeg: "
                  + dev.reelbeam.io.video.FFmpegSupport.reason(e) + ")",
              e);
        }
        if (f == null) {
          break;
        }
        if (f.samples == null || f.samples.length == 0) {
          continue;
        }
        ShortBuffer sb = (ShortBuffer) f.samples[0];
        sb.rewind();
        while (sb.hasRemaining()) {
          if (buf.remaining() < 2) {
            buf.flip();
            while (buf.hasRemaining()) {
              ch.write(buf);
            }
            buf.clear();
          }
          buf.putShort(sb.get());
          samples++;
        }
      }
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (samples == 0) {
        throw new MediaException(
            "Cannot decode the audio of " + videoPath + ": its audio stream ("
                + g.getAudioCodecName() + ") yielded no samples; it is corrupt or unsupported");
      }
      ch.position(0);
      ch.write(header(samples * 2));
    }
    return samples;
  }

  private static void checkFile(String path) throws MediaException {
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new MediaException(
          "Cannot read audio of " + path + ": "
              + (Files.isDirectory(p) ? "it is a directory, not a video file" : "the file does not exist"));
    }
    if (!Files.isReadable(p)) {
      throw new MediaException("Cannot read audio of " + path + ": permission denied");
    }
  }

  static ByteBuffer header(long dataBytes) {
    ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    long riff = Math.min(0xFFFFFFFFL, 36 + dataBytes);
    h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) riff);
    h.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
    h.putInt(16).putShort((short) 1).putShort((short) 1);
    h.putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
    h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
    h.flip();
    return h;
  }

  private static void release(FFmpegFrameGrabber g) {
    try {
      g.release();
    } catch (Exception ignored) {
      // nothing more to free
    }
  }
}
