package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avio_size;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * The probe's packet scan for an MP4/MOV, from its sample table instead of every packet.
 *
 * <p>Why: the full scan reads every byte of the file (340 MB for an 8-minute 1080p film), on the
 * serial path before any segment can start. The MOV demuxer has every sample's position, size and
 * sync flag in the stream's index once the file is open: so only the keyframes are read, each after
 * a seek to its sample (for their presentation times, which the index does not hold: it keeps decode
 * times), and then, from the last keyframe on, every packet (for the end of the video data, the
 * latest presentation time plus duration). The other streams are discarded: their bytes are skipped.
 *
 * <p>The result must be the full scan's, bit for bit (it plans the segments and gives the
 * duration), so this route is taken only where that holds by construction, and returns {@code null}
 * otherwise, for the full scan to run:
 *
 * <ul>
 *   <li>the MOV demuxer (MP4, MOV, M4V, 3GP), whose packets carry the index's sync flag as their key
 *       flag; and an H.264 or HEVC stream, which it hands over unparsed (a parser could add key flags);
 *   <li>the video index holds as many samples as the header counts (a fragmented MP4 indexes its
 *       fragments only as it reads them, and then holds fewer);
 *   <li>every sample of every stream lies inside the file: the full scan then reads to the end
 *       without a short read, and the truncation check sees the same end. A file cut short keeps the
 *       full scan and its diagnosis;
 *   <li>no frame decoded before the last keyframe is shown after it: true of an H.264 IDR frame or an
 *       HEVC IRAP picture, the sync samples of an MP4, so the latest presentation time lies in the last
 *       group.
 * </ul>
 */
final class IndexedScan {
  private IndexedScan() {}

  /**
   * The scan's result from the index, or {@code null} when the full scan must run (with the file
   * at its first packet).
   */
  static VideoProbe.PacketScan scan(FFmpegFrameGrabber grabber, StreamClock clock)
      throws MediaException {
    AVFormatContext oc = grabber.getFormatContext();
    int video = grabber.getVideoStream();
    AVStream st = oc.streams(video);
    if (oc.iformat() == null
        || oc.iformat().name() == null
        || !oc.iformat().name().getString().startsWith("mov,")
        || oc.pb() == null) {
      return null;
    }
    int codec = st.codecpar().codec_id();
    if (codec != AV_CODEC_ID_H264 && codec != AV_CODEC_ID_HEVC) {
      return null;
    }
    int samples = avformat_index_get_entries_count(st);
    if (samples <= 0 || st.nb_frames() != samples) {
      return null;
    }
    long fileSize = avio_size(oc.pb());
    if (fileSize <= 0) {
      return null;
    }
    for (int i = 0; i < oc.nb_streams(); i++) {
      if (!insideFile(oc.streams(i), fileSize)) {
        return null;
      }
    }
    // decode time and position of each keyframe's sample, copied: the index is the demuxer's memory
    long[] keyTime = new long[samples];
    long[] keyPos = new long[samples];
    int keys = 0;
    for (int i = 0; i < samples; i++) {
      AVIndexEntry e = avformat_index_get_entry(st, i);
      if ((e.flags() & AVIndexEntry.AVINDEX_KEYFRAME) != 0) {
        keyTime[keys] = e.timestamp();
        keyPos[keys++] = e.pos();
      }
    }
    if (keys == 0) {
      return null;
    }
    for (int i = 0; i < oc.nb_streams(); i++) {
      if (i != video) {
        oc.streams(i).discard(AVDISCARD_ALL);
      }
    }

    VideoProbe.PacketScan scan = new VideoProbe.PacketScan();
    scan.packets = samples;
    TreeSet<Long> keyPts = new TreeSet<>();
    long maxEnd = Long.MIN_VALUE;
    try {
      // Each keyframe by a seek to its sample, then the one packet there. Not by discarding the
      // frames between (AVDISCARD_NONKEY): the demuxer then skips them without advancing its
      // composition-offset table, and the keyframes after the first get a wrong time.
      for (int k = 0; k < keys; k++) {
        // forward to the first keyframe at or after its decode time: the demuxer compares
        // presentation times, which are never earlier, so backward would land on the one before
        if (av_seek_frame(oc, video, keyTime[k], 0) < 0) {
          return rewind(oc, st, video);
        }
        boolean last = k == keys - 1;
        boolean first = true;
        AVPacket pkt;
        while ((pkt = grabber.grabPacket()) != null) {
          try {
            if (pkt.stream_index() != video) {
              continue;
            }
            if (first && (pkt.pos() != keyPos[k] || (pkt.flags() & AV_PKT_FLAG_KEY) == 0)) {
              // the seek did not land on this sample: the index does not stand for the packets
              return rewind(oc, st, video);
            }
            first = false;
            long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
            if (ts != AV_NOPTS_VALUE) {
              if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0) {
                keyPts.add(ts);
              }
              maxEnd = Math.max(maxEnd, ts + Math.max(0, pkt.duration()));
            }
          } finally {
            av_packet_unref(pkt);
          }
          if (!last && !first) {
            break;
          }
        }
        if (first) {
          return rewind(oc, st, video);
        }
      }
    } catch (Exception e) {
      throw VideoProbe.PacketScan.unreadable(oc.url().getString(), e);
    }
    return scan.finish(clock, keyPts, maxEnd);
  }

  /**
   * The index and the packets disagree: nothing read counts. Back to the first sample with every
   * stream read, for the full scan; {@code null} to say so.
   */
  private static VideoProbe.PacketScan rewind(AVFormatContext oc, AVStream st, int video)
      throws MediaException {
    for (int i = 0; i < oc.nb_streams(); i++) {
      oc.streams(i).discard(AVDISCARD_DEFAULT);
    }
    long first = avformat_index_get_entry(st, 0).timestamp();
    if (av_seek_frame(oc, video, first, AVSEEK_FLAG_BACKWARD) < 0) {
      throw new MediaException(
          "Cannot read the packets of " + oc.url().getString() + ": its sample table does not match"
              + " its packets");
    }
    return null;
  }

  /** Whether every indexed sample of {@code s} lies inside the first {@code fileSize} bytes. */
  private static boolean insideFile(AVStream s, long fileSize) {
    int n = avformat_index_get_entries_count(s);
    for (int i = 0; i < n; i++) {
      AVIndexEntry e = avformat_index_get_entry(s, i);
      if (e.pos() < 0 || e.pos() + e.size() > fileSize) {
        return false;
      }
    }
    return true;
  }
}
