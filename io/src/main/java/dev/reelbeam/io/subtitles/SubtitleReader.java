package dev.reelbeam.io.subtitles;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.reelbeam.io.video.LocalVideoFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads text subtitles through FFmpeg's own demuxers and subtitle decoders (the {@code
 * org.bytedeco.ffmpeg} API directly: JavaCV's frame grabber does not expose subtitle streams).
 * Sidecar SubRip, WebVTT and ASS files go through FFmpeg's demuxer for their extension, so what
 * FFmpeg tolerates (cue numbers from 0, times without milliseconds, a byte-order mark, UTF-16 with
 * a BOM) is tolerated here. Bitmap tracks (PGS, VobSub, DVB) are listed with the reason they are
 * skipped. A track that cannot be read throws {@link BadSubtitleException} with a message a person
 * can act on.
 */
public final class SubtitleReader {
  /** Text subtitle codecs FFmpeg decodes to ASS events. */
  private static final Set<Integer> TEXT_CODECS = Set.of(AV_CODEC_ID_SUBRIP, AV_CODEC_ID_SRT,
      AV_CODEC_ID_ASS, AV_CODEC_ID_SSA, AV_CODEC_ID_MOV_TEXT, AV_CODEC_ID_WEBVTT, AV_CODEC_ID_TEXT);

  private static final Set<Integer> BITMAP_CODECS = Set.of(AV_CODEC_ID_HDMV_PGS_SUBTITLE,
      AV_CODEC_ID_DVD_SUBTITLE, AV_CODEC_ID_DVB_SUBTITLE, AV_CODEC_ID_XSUB);

  private static final Map<String, String> DEMUXER = Map.of(
      "srt", "srt", "vtt", "webvtt", "ass", "ass", "ssa", "ass");

  private SubtitleReader() {}

  /**
   * Every subtitle stream inside {@code video}: text tracks read, bitmap tracks listed as skipped.
   * A text track that fails is returned as skipped with the reason, and its error added to {@code
   * errors}; the other tracks are still read.
   */
  public static List<SubtitleTrack> embedded(Path video, List<String> errors) throws IOException {
    return embedded(video.toString(), errors);
  }

  /**
   * As {@link #embedded(Path, List)} for a video on any filesystem Beam reads: FFmpeg reads a
   * remote video from a local copy, and the tracks name the video as given.
   */
  public static List<SubtitleTrack> embedded(String video, List<String> errors) throws IOException {
    try (LocalVideoFile local = LocalVideoFile.open(video)) {
      return read(Path.of(local.path(video)), video, null, "", SubtitleTrack.EMBEDDED, errors);
    }
  }

  /** The one track of a sidecar file; its language from the file name. */
  public static SubtitleTrack sidecar(SidecarFiles.Sidecar s) throws IOException {
    long size = Files.size(s.file());
    if (size == 0) {
      throw new BadSubtitleException(s.file().getFileName() + ": the file is empty");
    }
    byte[] head = Files.readAllBytes(s.file());
    if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
      // FFmpeg converts UTF-16 with a byte-order mark itself; nothing to do.
    } else if (looksUtf16WithoutBom(head)) {
      throw new BadSubtitleException(s.file().getFileName()
          + ": UTF-16 text without a byte-order mark; save the file as UTF-8");
    }
    List<String> errors = new ArrayList<>();
    List<SubtitleTrack> tracks = read(s.file(), s.file().toString(), DEMUXER.get(s.extension()),
        s.language(), SubtitleTrack.SIDECAR, errors);
    if (!errors.isEmpty()) {
      throw new BadSubtitleException(String.join("; ", errors));
    }
    if (tracks.isEmpty()) {
      throw new BadSubtitleException(s.file().getFileName() + ": FFmpeg found no subtitle stream in it");
    }
    SubtitleTrack t = tracks.get(0);
    if (t.cues().isEmpty()) {
      throw new BadSubtitleException(s.file().getFileName()
          + ": no cue could be read (malformed timestamps? a cue needs 'HH:MM:SS,mmm --> HH:MM:SS,mmm')");
    }
    String id = "ext" + (s.language().isEmpty() ? "" : "-" + s.language())
        + (s.extension().equals("srt") ? "" : "-" + s.extension());
    return new SubtitleTrack(id, t.source(), t.file(), t.streamIndex(), t.codec(), t.language(),
        t.title(), t.skipped(), t.cues(), t.warnings());
  }

  private static boolean looksUtf16WithoutBom(byte[] b) {
    int zeros = 0;
    int n = Math.min(b.length, 512);
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        zeros++;
      }
    }
    return n > 8 && zeros > n / 4;
  }

  private static List<SubtitleTrack> read(Path local, String name, String demuxer, String language,
      String source, List<String> errors) throws IOException {
    // Tracks and messages name the input as given (name), not a local copy of it.
    Path file = Path.of(name);
    AVFormatContext fmt = avformat_alloc_context();
    AVInputFormat forced = demuxer == null ? null : av_find_input_format(demuxer);
    int r = avformat_open_input(fmt, local.toString(), forced, (AVDictionary) null);
    if (r < 0) {
      throw new BadSubtitleException(file.getFileName() + ": FFmpeg cannot read it as "
          + (demuxer == null ? "a media file" : demuxer + " subtitles (malformed timestamps or not a subtitle file?)")
          + ": " + error(r));
    }
    try {
      if ((r = avformat_find_stream_info(fmt, (PointerPointer<?>) null)) < 0) {
        throw new BadSubtitleException(file.getFileName() + ": no stream information: " + error(r));
      }
      double videoStart = videoStartSeconds(fmt);
      Map<Integer, Decoding> decoders = new LinkedHashMap<>();
      List<SubtitleTrack> skippedTracks = new ArrayList<>();
      for (int i = 0; i < fmt.nb_streams(); i++) {
        AVStream st = fmt.streams(i);
        AVCodecParameters par = st.codecpar();
        if (par.codec_type() != AVMEDIA_TYPE_SUBTITLE) {
          continue;
        }
        String codec = avcodec_get_name(par.codec_id()).getString();
        String lang = language.isEmpty() ? tag(st, "language") : language;
        String title = tag(st, "title");
        String id = "s" + i + (lang.isEmpty() ? "" : "-" + lang);
        if (!TEXT_CODECS.contains(par.codec_id())) {
          String why = BITMAP_CODECS.contains(par.codec_id())
              ? "a bitmap track (" + codec + "): its words are pictures, not text; OCR is not part of ReelBeam"
              : "codec " + codec + " is not a text subtitle format FFmpeg decodes to text";
          skippedTracks.add(new SubtitleTrack(id, source, name, i, codec, lang, title, why,
              List.of(), List.of()));
          continue;
        }
        Decoding d = Decoding.open(par, st.time_base(), id, codec, lang, title);
        if (d.failure != null) {
          errors.add(file.getFileName() + " track " + id + ": " + d.failure);
          skippedTracks.add(new SubtitleTrack(id, source, name, i, codec, lang, title,
              d.failure, List.of(), List.of()));
          continue;
        }
        decoders.put(i, d);
      }
      if (!decoders.isEmpty()) {
        demux(fmt, decoders, demuxer == null ? videoStart : 0);
      }
      List<SubtitleTrack> out = new ArrayList<>(skippedTracks);
      for (Map.Entry<Integer, Decoding> e : decoders.entrySet()) {
        Decoding d = e.getValue();
        d.close();
        if (d.failure != null) {
          errors.add(file.getFileName() + " track " + d.id + ": " + d.failure);
          out.add(new SubtitleTrack(d.id, source, name, e.getKey(), d.codec, d.language,
              d.title, d.failure, List.of(), List.of()));
        } else {
          out.add(new SubtitleTrack(d.id, source, name, e.getKey(), d.codec, d.language,
              d.title, "", d.sortedCues(), d.warnings));
        }
      }
      out.sort(Comparator.comparingInt(SubtitleTrack::streamIndex));
      return out;
    } finally {
      avformat_close_input(fmt);
    }
  }

  private static void demux(AVFormatContext fmt, Map<Integer, Decoding> decoders, double offset) {
    // Only the subtitle streams' packets are wanted: the demuxer then skips the picture's and the
    // sound's bytes instead of reading them into packets that would be thrown away.
    for (int i = 0; i < fmt.nb_streams(); i++) {
      if (!decoders.containsKey(i)) {
        fmt.streams(i).discard(org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL);
      }
    }
    AVPacket pkt = av_packet_alloc();
    try {
      while (av_read_frame(fmt, pkt) >= 0) {
        try {
          Decoding d = decoders.get(pkt.stream_index());
          if (d != null && d.failure == null) {
            d.decode(pkt, offset);
          }
        } finally {
          av_packet_unref(pkt);
        }
      }
    } finally {
      av_packet_free(pkt);
    }
  }

  /** The first video stream's start time: scene times count from it. */
  private static double videoStartSeconds(AVFormatContext fmt) {
    for (int i = 0; i < fmt.nb_streams(); i++) {
      AVStream st = fmt.streams(i);
      if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && st.start_time() != AV_NOPTS_VALUE) {
        return st.start_time() * av_q2d(st.time_base());
      }
    }
    return 0;
  }

  private static String tag(AVStream st, String key) {
    AVDictionaryEntry e = av_dict_get(st.metadata(), key, null, 0);
    return e == null || e.value() == null ? "" : e.value().getString(StandardCharsets.UTF_8).strip();
  }

  static String error(int code) {
    byte[] buf = new byte[256];
    av_strerror(code, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  /** One stream's decoder and the cues it produced. */
  private static final class Decoding {
    final String id;
    final String codec;
    final String language;
    final String title;
    final List<SubtitleCue> cues = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private AVCodecContext ctx;
    private double timeBase;
    String failure;
    private int malformed;

    private Decoding(String id, String codec, String language, String title) {
      this.id = id;
      this.codec = codec;
      this.language = language;
      this.title = title;
    }

    static Decoding open(AVCodecParameters par, AVRational tb, String id, String codec,
        String language, String title) {
      Decoding d = new Decoding(id, codec, language, title);
      AVCodec dec = avcodec_find_decoder(par.codec_id());
      if (dec == null) {
        d.failure = "FFmpeg has no decoder for " + codec;
        return d;
      }
      d.ctx = avcodec_alloc_context3(dec);
      int r = avcodec_parameters_to_context(d.ctx, par);
      if (r >= 0) {
        d.ctx.pkt_timebase(tb);
        r = avcodec_open2(d.ctx, dec, (AVDictionary) null);
      }
      if (r < 0) {
        d.failure = "the " + codec + " decoder cannot be opened: " + error(r);
      }
      d.timeBase = av_q2d(tb);
      return d;
    }

    void decode(AVPacket pkt, double offset) {
      AVSubtitle sub = new AVSubtitle();
      int[] got = new int[1];
      int r = avcodec_decode_subtitle2(ctx, sub, got, pkt);
      if (r < 0) {
        failure = r == AVERROR_INVALIDDATA()
            ? "the text is not valid UTF-8 (Latin-1 or another 8-bit encoding?); save the file as UTF-8"
            : "the " + codec + " decoder failed: " + error(r);
        return;
      }
      if (got[0] == 0) {
        return;
      }
      try {
        long pts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
        double start = pts * timeBase - offset + sub.start_display_time() / 1000.0;
        double end = pkt.duration() > 0
            ? pts * timeBase - offset + pkt.duration() * timeBase
            : pts * timeBase - offset + sub.end_display_time() / 1000.0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sub.num_rects(); i++) {
          AVSubtitleRect rect = sub.rects(i);
          BytePointer raw = rect.type() == SUBTITLE_ASS ? rect.ass() : rect.text();
          if (raw == null || raw.isNull()) {
            continue;
          }
          String s = raw.getString(StandardCharsets.UTF_8);
          String plain = SubtitleText.plain(rect.type() == SUBTITLE_ASS ? SubtitleText.assEventText(s) : s);
          if (SubtitleText.hasTimingLine(plain)) {
            malformed++;
            plain = plain.lines().filter(l -> !SubtitleText.hasTimingLine(l))
                .reduce((a, b) -> a + "\n" + b).orElse("");
          }
          if (!plain.isEmpty()) {
            text.append(text.length() > 0 ? "\n" : "").append(plain);
          }
        }
        if (text.length() > 0) {
          cues.add(new SubtitleCue(Math.round(Math.max(0, start) * 1000), Math.round(Math.max(0, end) * 1000),
              text.toString()));
        }
      } finally {
        avsubtitle_free(sub);
      }
    }

    List<SubtitleCue> sortedCues() {
      List<SubtitleCue> sorted = new ArrayList<>(cues);
      sorted.sort(Comparator.comparingLong(SubtitleCue::startMs).thenComparingLong(SubtitleCue::endMs));
      if (!sorted.equals(cues)) {
        warnings.add("cues were out of time order; sorted");
      }
      int overlaps = 0;
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).startMs() < sorted.get(i - 1).endMs()) {
          overlaps++;
        }
      }
      if (overlaps > 0) {
        warnings.add(overlaps + " cue(s) overlap the one before; kept as they are");
      }
      if (malformed > 0) {
        warnings.add(malformed + " malformed timing line(s) dropped from the cue text before them");
      }
      return sorted;
    }

    void close() {
      if (ctx != null) {
        avcodec_free_context(ctx);
        ctx = null;
      }
    }
  }

  /** FFmpeg's name for a codec id, lower case. */
  static String codecName(int id) {
    return avcodec_get_name(id).getString().toLowerCase(Locale.ROOT);
  }
}
