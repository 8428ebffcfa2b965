package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.reelbeam.io.files.Fingerprint;
import dev.reelbeam.io.subtitles.SidecarFiles;
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
 * scan (no decoding), which the segment planner needs. An H.264 or HEVC MP4/MOV reads only its
 * keyframes' and last group's packets instead ({@link IndexedScan}), with the same result.
 *
 * <p>Decisions: {@code frameCountEstimate} is {@code round(duration * fps)}; the real count comes
 * from the decode. {@code durationSeconds} is the end of the last video packet (pts + duration)
 * when the scan sees one, else the container duration. Keyframe times hold every video packet
 * flagged as a keyframe, sorted, start time subtracted.
 */
public final class VideoProbe {
  private VideoProbe() {}

  /** Probes the video {@code path} (local, or on any registered Beam filesystem); throws {@link MediaException} with a readable reason. */
  public static VideoInfo probe(String path) throws IOException {
    try (LocalVideoFile local = LocalVideoFile.open(path)) {
      return probe(path, local.path(path), true);
    }
  }

  /** Probes {@code localPath}, the local file of {@code path} (a copy when {@code path} is remote). */
  private static VideoInfo probe(String path, String localPath, boolean fromIndex) throws IOException {
    FFmpegSupport.quietLogs();
    FFmpegSupport.checkReadableFile(localPath);
    // The sidecar subtitles are part of the input: a changed one makes --resume redo the video.
    // Taken before anything reads them, so a file changed during the run is seen as changed next time.
    String fingerprint = Fingerprint.of(Path.of(localPath)) + SidecarFiles.fingerprint(path);
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(localPath);
    // The audio decoder is not opened: a corrupt audio stream is the audio stage's error, not the
    // video's. Audio facts come from the stream parameters.
    grabber.setAudioStream(Integer.MAX_VALUE);
    FFmpegSupport.start(grabber, path);
    try {
      if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
        throw new MediaException("Cannot use " + path + " as a video: it contains no video stream");
      }
      AVFormatContext oc = grabber.getFormatContext();
      AVStream audio = null;
      for (int i = 0; i < oc.nb_streams(); i++) {
        AVStream candidate = oc.streams(i);
        if (candidate.codecpar().codec_type() == AVMEDIA_TYPE_AUDIO
            && candidate.codecpar().codec_id() != AV_CODEC_ID_NONE) {
          audio = candidate;
          break;
        }
      }
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

      PacketScan scan = fromIndex ? IndexedScan.scan(grabber, clock) : null;
      if (scan == null) {
        scan = scanPackets(grabber, clock, path);
      }
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
      checkComplete(path, oc, st, clock, (double) rate.num() / rate.den(), scan);

      int audioChannels = audio == null ? 0 : audio.codecpar().ch_layout().nb_channels();
      int audioRate = audio == null ? 0 : audio.codecpar().sample_rate();
      // an audio stream whose parameters are unreadable still counts: extracting it must then fail
      // loudly rather than pass for a silent film
      boolean hasAudio = audio != null;
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
          Math.max(0, audioChannels),
          Math.max(0, audioRate),
          fingerprint);
    } finally {
      try {
        grabber.release();
      } catch (Exception ignored) {
        // releasing cannot fix anything; the probe result or its error already stands
      }
    }
  }

  /**
   * A file cut short still opens when its header survived: compare the time the header promises (the
   * stream's frame count at the average rate, or the stream's duration, else the container's
   * duration) with the time the packet scan reached. Frame counts are compared as time because AVI
   * indexes count empty "repeat" chunks that hold no packet (opencv-doc/tree.avi). Tolerance: 10%
   * and half a second, so that rounding and short audio tails never trip it.
   */
  private static void checkComplete(
      String path, AVFormatContext oc, AVStream st, StreamClock clock, double fps, PacketScan scan)
      throws MediaException {
    double declared = 0;
    if (st.nb_frames() > 0) {
      // frames the header counts, as time at the average rate: repeat chunks count, as they should
      declared = st.nb_frames() / fps;
    }
    if (st.duration() != AV_NOPTS_VALUE && st.duration() > 0) {
      declared = Math.max(declared, st.duration() * (double) clock.num() / clock.den());
    } else if (declared == 0 && oc.duration() != AV_NOPTS_VALUE && oc.duration() > 0) {
      declared = oc.duration() / 1e6;
    }
    if (scan.endTime < declared * 0.9 - 0.5) {
      throw new MediaException(
          String.format(
              java.util.Locale.ROOT,
              "Cannot use %s as a video: the file is truncated (its header declares %.2f s, the video"
                  + " data ends at %.2f s)",
              path,
              declared,
              scan.endTime));
    }
  }

  /** What the packet scan found: the keyframe times, the video packets, the video data's end. */
  static final class PacketScan {
    final List<Double> keyframes = new ArrayList<>();
    long packets;
    double endTime;

    /** Records the keyframes' times and the end (the latest packet end, when any was timed). */
    PacketScan finish(StreamClock clock, TreeSet<Long> keyPts, long maxEnd) {
      for (long pts : keyPts) {
        keyframes.add(clock.seconds(pts));
      }
      if (maxEnd != Long.MIN_VALUE) {
        endTime = clock.seconds(maxEnd);
      }
      return this;
    }

    /** The error for packets that could not be read from {@code where}. */
    static MediaException unreadable(String where, Exception e) {
      return new MediaException(
          "Cannot read the packets of " + where + ": the file is corrupt or truncated (FFmpeg: "
              + FFmpegSupport.reason(e) + ")",
          e);
    }
  }

  /** Probes {@code path} (local) reading every packet, as for a container without a sample index: the tests' reference. */
  static VideoInfo probeByFullScan(String path) throws IOException {
    return probe(path, path, false);
  }

  static PacketScan scanPackets(FFmpegFrameGrabber grabber, StreamClock clock, String path)
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
      throw PacketScan.unreadable(path, e);
    }
    return scan.finish(clock, keyPts, maxEnd);
  }
}
