package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.subtitles.SubtitleCue;
import dev.reelbeam.io.subtitles.SubtitleTrack;
import dev.reelbeam.transforms.subtitles.VideoSubtitles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A video's {@link VideoSubtitles}: each track field by field, its cues as columns. */
public final class VideoSubtitlesCoder extends FieldCoder<VideoSubtitles> {
  private static final VideoSubtitlesCoder INSTANCE = new VideoSubtitlesCoder();

  private VideoSubtitlesCoder() {}

  public static VideoSubtitlesCoder of() {
    return INSTANCE;
  }

  @Override
  void write(VideoSubtitles v, DataOutputStream o) throws IOException {
    Fields.string(o, v.videoId());
    Fields.list(o, v.tracks(), VideoSubtitlesCoder::writeTrack);
    Fields.strings(o, v.files());
  }

  @Override
  VideoSubtitles read(DataInputStream i) throws IOException {
    String videoId = Fields.string(i);
    List<SubtitleTrack> tracks = Fields.list(i, VideoSubtitlesCoder::readTrack);
    return new VideoSubtitles(videoId, tracks, Fields.strings(i));
  }

  private static void writeTrack(DataOutputStream o, SubtitleTrack t) throws IOException {
    Fields.string(o, t.trackId());
    Fields.string(o, t.source());
    Fields.string(o, t.file());
    o.writeInt(t.streamIndex());
    Fields.string(o, t.codec());
    Fields.string(o, t.language());
    Fields.string(o, t.title());
    Fields.string(o, t.skipped());
    List<SubtitleCue> cues = t.cues();
    long[] starts = new long[cues.size()];
    long[] ends = new long[cues.size()];
    List<String> texts = new ArrayList<>(cues.size());
    for (int k = 0; k < cues.size(); k++) {
      starts[k] = cues.get(k).startMs();
      ends[k] = cues.get(k).endMs();
      texts.add(cues.get(k).text());
    }
    Fields.longs(o, starts);
    Fields.longs(o, ends);
    Fields.strings(o, texts);
    Fields.strings(o, t.warnings());
  }

  private static SubtitleTrack readTrack(DataInputStream i) throws IOException {
    String trackId = Fields.string(i);
    String source = Fields.string(i);
    String file = Fields.string(i);
    int streamIndex = i.readInt();
    String codec = Fields.string(i);
    String language = Fields.string(i);
    String title = Fields.string(i);
    String skipped = Fields.string(i);
    long[] starts = Fields.longs(i);
    long[] ends = Fields.longs(i);
    List<String> texts = Fields.strings(i);
    List<SubtitleCue> cues = new ArrayList<>(starts.length);
    for (int k = 0; k < starts.length; k++) {
      cues.add(new SubtitleCue(starts[k], ends[k], texts.get(k)));
    }
    return new SubtitleTrack(trackId, source, file, streamIndex, codec, language, title, skipped, cues,
        Fields.strings(i));
  }
}
