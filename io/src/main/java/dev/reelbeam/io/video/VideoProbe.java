package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.files.VideoId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Reads what a video is before any frame is decoded: stream facts, display rotation, sample aspect
 * ratio, the snapped frame rate, audio presence, and the keyframe times from one demux-only packet
 * scan (no decoding), which the segment planner needs.
 *
 * <p>Decisions: {@code frameCountEstimate} is {@code round(duration * fps)}; the real count comes
 * from the decode. {@code durationSeconds} is the end of the last video packet (pts + duration)
 * when the scan sees one, else the container duration. Keyframe times hold every video packet
 * flagged as a keyframe, sorted, start time subtracted.
 */
public final class VideoProbe {
  private VideoProbe() {}

  /** Probes the local video file {@code path}; throws {@link MediaException} with a readable reason. */
  public static VideoInfo probe(String path) throws IOException {
    FFmpegSupport.quietLogs();
    FFmpegSupport.checkReadableFile(path);
    String fingerprint = Fingerprint.of(Path.of(path));
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path);
    FFmpegSupport.start(grabber, path);
    try {
      if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
        throw new MediaException(
            "Cannot use " + path + " as a video: it contains no video stream"
                + (grabber.getAudioChannels() > 0 ? " (only audio)" : ""));
      }
      AVFormatContext oc = grabber.getFormatContext();
      AVStream st = oc.streams(grabber.getVideoStream());
      StreamClock clock = FFmpegSupport.clock(grabber);

      int codedW = grabber.getImageWidth();
      int codedH = grabber.getImageHeight();
      int rotation = Rotation.fromDisplayMatrix(grabber.getDisplayRotation());
      AVRational sar = st.sample_aspect_ratio();
      if (sar == null || sar.num() <= 0 || sar.den() <= 0) {
        sar = st.codecpar().sample_aspect_ratio();
      }
      int dispW = codedW;
      int dispH = codedH;
      if (sar != null && sar.num() > 0 && sar.den() > 0 && sar.num() != sar.den()) {
        dispW = (int) Math.round(codedW * (double) sar.num() / sar.den());
      }
      if (Rotation.swapsSides(rotation)) {
        int t = dispW;
        dispW = dispH;
        dispH = t;
      }

      AVRational rate = st.avg_frame_rate();
      if (rate == null || rate.num() <= 0 || rate.den() <= 0) {
        rate = st.r_frame_rate();
      }
      if (rate == null || rate.num() <= 0 || rate.den() <= 0) {
        throw new MediaException("Cannot use " + path + " as a video: its frame rate is unknown");
      }
      double fps = FrameRates.snap((double) rate.num() / rate.den());
      String frameRate = rate.num() + "/" + rate.den();

      PacketScan scan = scanPackets(grabber, clock, path);
      double duration;
      if (scan.endTime > 0) {
        duration = scan.endTime;
      } else if (oc.duration() != AV_NOPTS_VALUE && oc.duration() > 0) {
        duration = oc.duration() / 1e6;
      } else {
        duration = 0;
      }
      if (scan.packets == 0) {
        throw new MediaException("Cannot use " + path + " as a video: its video stream holds no frames");
      }

      boolean hasAudio = grabber.getAudioStream() >= 0 && grabber.getAudioChannels() > 0
          && grabber.getSampleRate() > 0;
      return new VideoInfo(
          path,
          VideoId.of(path),
          codedW,
          codedH,
          dispW,
          dispH,
          rotation,
          fps,
          frameRate,
          duration,
          Math.round(duration * fps),
          (double) clock.startPts() * clock.num() / clock.den(),
          grabber.getVideoCodecName(),
          List.copyOf(scan.keyframes),
          hasAudio,
          hasAudio ? grabber.getAudioChannels() : 0,
          hasAudio ? grabber.getSampleRate() : 0,
          fingerprint);
    } finally {
      try {
        grabber.release();
      } catch (Exception ignored) {
        // releasing cannot fix anything; the probe result or its error already stands
      }
    }
  }

  private static final class PacketScan {
    final List<Double> keyframes = new ArrayList<>();
    long packets;
    double endTime;
  }

  private static PacketScan scanPackets(FFmpegFrameGrabber grabber, StreamClock clock, String path)
      throws MediaException {
    PacketScan scan = new PacketScan();
    TreeSet<Long> keyPts = new TreeSet<>();
    int video = grabber.getVideoStream();
    long maxEnd = Long.MIN_VALUE;
    try {
      AVPacket pkt;
      while ((pkt = grabber.grabPacket()) != null) {
        try {
          if (pkt.stream_index() != video) {
            continue;
          }
          scan.packets++;
          long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
          if (ts == AV_NOPTS_VALUE) {
            continue;
          }
          if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0) {
            keyPts.add(ts);
          }
          maxEnd = Math.max(maxEnd, ts + Math.max(0, pkt.duration()));
        } finally {
          av_packet_unref(pkt);
        }
      }
    } catch (Exception e) {
      throw new MediaException(
          "Cannot read the packets of " + path + ": the file is corrupt or truncated (FFmpeg: "
              + FFmpegSupport.reason(e) + ")",
          e);
    }
    for (long pts : keyPts) {
      scan.keyframes.add(clock.seconds(pts));
    }
    if (maxEnd != Long.MIN_VALUE) {
      scan.endTime = clock.seconds(maxEnd);
    }
    return scan;
  }
}
