package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Small helpers shared by the probe, the decoders and the audio extractor. */
public final class FFmpegSupport {
  private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");
  private static volatile boolean logLevelSet;

  private FFmpegSupport() {}

  /** FFmpeg's own console chatter is not our error channel: errors come back as exceptions. */
  public static void quietLogs() {
    if (!logLevelSet) {
      av_log_set_level(Boolean.getBoolean("reelbeam.ffmpeg.verbose") ? AV_LOG_ERROR : AV_LOG_QUIET);
      logLevelSet = true;
    }
  }

  /**
   * Checks the things FFmpeg would report badly (missing, directory, unreadable, empty) and throws
   * a {@link MediaException} that says so.
   */
  static void checkReadableFile(String path) throws MediaException {
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new MediaException("Cannot read video " + path + ": the file does not exist");
    }
    if (Files.isDirectory(p)) {
      throw new MediaException("Cannot read video " + path + ": it is a directory, not a video file");
    }
    if (!Files.isReadable(p)) {
      throw new MediaException(
          "Cannot read video " + path + ": permission denied (the file is not readable)");
    }
    try {
      if (Files.size(p) == 0) {
        throw new MediaException("Cannot read video " + path + ": the file is empty (0 bytes)");
      }
    } catch (java.io.IOException e) {
      throw new MediaException("Cannot read video " + path + ": " + e.getMessage(), e);
    }
  }

  /** Opens a grabber on {@code path}, translating FFmpeg's failure into a readable message. */
  static void start(FFmpegFrameGrabber grabber, String path) throws MediaException {
    try {
      grabber.start();
    } catch (Exception e) {
      try {
        grabber.release();
      } catch (Exception ignored) {
        // the original failure is what matters
      }
      if (String.valueOf(e.getMessage()).startsWith("Did not find a video or audio stream")) {
        // the audio stream is never opened here, so this means: no video stream
        throw new MediaException(
            "Cannot use " + path + " as a video: it contains no video stream", e);
      }
      throw new MediaException(
          "Cannot open " + path + " as a video: it is not a readable media file or it is corrupt or"
              + " truncated (FFmpeg: " + reason(e) + ")",
          e);
    }
  }

  /**
   * Tells the demuxer to drop every stream but {@code keep}: an indexed container (MP4, MOV) then
   * skips the other streams' bytes instead of reading them into packets that are thrown away (the
   * picture's bytes, nearly all of a film's, for the audio; the sound's packets, two or so a frame,
   * for the decode pass).
   */
  public static void discardAllBut(FFmpegFrameGrabber g, int keep) {
    org.bytedeco.ffmpeg.avformat.AVFormatContext fc = g.getFormatContext();
    if (fc == null) {
      return;
    }
    for (int i = 0; i < fc.nb_streams(); i++) {
      if (i != keep) {
        fc.streams(i).discard(org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL);
      }
    }
  }

  /** FFmpeg's text for the error code inside a JavaCV message, or the message itself. */
  public static String reason(Throwable e) {
    String msg = String.valueOf(e.getMessage());
    Matcher m = ERROR_CODE.matcher(msg);
    if (m.find()) {
      try {
        int code = Integer.parseInt(m.group(1));
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) == 0) {
          int n = 0;
          while (n < buf.length && buf[n] != 0) {
            n++;
          }
          String text = new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
          return text + "; " + withoutHints(msg);
        }
      } catch (NumberFormatException ignored) {
        // fall through to the raw message
      }
    }
    return withoutHints(msg);
  }

  /**
   * The message without JavaCV's hints to a programmer ("(For more details, ...)", "(Has
   * setFormat() been called?)"), which mislead a person reading why a file was rejected.
   */
  static String withoutHints(String msg) {
    int cut = msg.length();
    for (String hint : new String[] {" (For more details", " (Has setFormat() been called?)"}) {
      int i = msg.indexOf(hint);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    return msg.substring(0, cut);
  }

  /** The timing of the grabber's video stream. */
  static StreamClock clock(FFmpegFrameGrabber grabber) {
    AVFormatContext oc = grabber.getFormatContext();
    AVStream st = oc.streams(grabber.getVideoStream());
    long start = st.start_time();
    long formatStart = oc.start_time();
    return new StreamClock(
        st.time_base().num(),
        st.time_base().den(),
        start == AV_NOPTS_VALUE ? 0 : start,
        formatStart == AV_NOPTS_VALUE ? 0 : formatStart);
  }
}
