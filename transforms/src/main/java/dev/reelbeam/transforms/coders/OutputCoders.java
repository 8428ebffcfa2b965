package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.audio.AudioInfo;
import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.KeyframeRef;
import dev.reelbeam.transforms.outputs.OutputPart;
import dev.reelbeam.transforms.outputs.VideoEntry;
import dev.reelbeam.transforms.scenes.KeyframePlanner;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;

/**
 * Coders of the small per-video records on the way to the manifests and the index (a branch's
 * {@link OutputPart}, a {@link VideoEntry}, the audio's {@link AudioInfo}, a video's keyframes and
 * their plan),
 * field by field.
 */
public final class OutputCoders {
  private OutputCoders() {}

  private static final class PartCoder extends FieldCoder<OutputPart> {
    @Override
    void write(OutputPart p, DataOutputStream o) throws IOException {
      writePart(p, o);
    }

    @Override
    OutputPart read(DataInputStream i) throws IOException {
      return readPart(i);
    }
  }

  private static void writePart(OutputPart p, DataOutputStream o) throws IOException {
    Fields.string(o, p.videoId());
    Fields.string(o, p.branch());
    Fields.strings(o, p.files());
    o.writeLong(p.items());
    Fields.string(o, p.note());
  }

  private static OutputPart readPart(DataInputStream i) throws IOException {
    return new OutputPart(Fields.string(i), Fields.string(i), Fields.strings(i), i.readLong(), Fields.string(i));
  }

  private static final class EntryCoder extends FieldCoder<VideoEntry> {
    @Override
    void write(VideoEntry e, DataOutputStream o) throws IOException {
      Fields.string(o, e.videoId());
      Fields.string(o, e.path());
      Fields.string(o, e.status());
      o.writeInt(e.parts().size());
      for (OutputPart p : e.parts()) {
        writePart(p, o);
      }
      Fields.strings(o, e.errors());
    }

    @Override
    VideoEntry read(DataInputStream i) throws IOException {
      String id = Fields.string(i);
      String path = Fields.string(i);
      String status = Fields.string(i);
      int n = i.readInt();
      List<OutputPart> parts = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        parts.add(readPart(i));
      }
      return new VideoEntry(id, path, status, parts, Fields.strings(i));
    }
  }

  private static final class AudioCoder extends FieldCoder<AudioInfo> {
    @Override
    void write(AudioInfo a, DataOutputStream o) throws IOException {
      Fields.string(o, a.path());
      o.writeInt(a.sampleRate());
      o.writeInt(a.channels());
      o.writeDouble(a.durationSeconds());
      o.writeLong(a.sampleCount());
    }

    @Override
    AudioInfo read(DataInputStream i) throws IOException {
      return new AudioInfo(Fields.string(i), i.readInt(), i.readInt(), i.readDouble(), i.readLong());
    }
  }

  private static final class KeyframeCoder extends FieldCoder<Keyframe> {
    @Override
    void write(Keyframe k, DataOutputStream o) throws IOException {
      Fields.string(o, k.videoId());
      o.writeInt(k.sceneId());
      o.writeInt(k.position());
      o.writeLong(k.frame());
      o.writeDouble(k.time());
      Fields.string(o, k.path());
      writeQuality(k.quality(), o);
      writeRef(k.duplicateOf(), o);
    }

    @Override
    Keyframe read(DataInputStream i) throws IOException {
      String videoId = Fields.string(i);
      int sceneId = i.readInt();
      int position = i.readInt();
      long frame = i.readLong();
      double time = i.readDouble();
      String path = Fields.string(i);
      return new Keyframe(videoId, sceneId, position, frame, time, path, readQuality(i), readRef(i));
    }
  }

  private static final class PickCoder extends FieldCoder<KeyframePlanner.Pick> {
    @Override
    void write(KeyframePlanner.Pick p, DataOutputStream o) throws IOException {
      o.writeInt(p.sceneId());
      o.writeInt(p.position());
      o.writeLong(p.frame());
      o.writeDouble(p.time());
      writeQuality(p.quality(), o);
      writeRef(p.duplicateOf(), o);
      o.writeBoolean(p.write());
    }

    @Override
    KeyframePlanner.Pick read(DataInputStream i) throws IOException {
      return new KeyframePlanner.Pick(i.readInt(), i.readInt(), i.readLong(), i.readDouble(), readQuality(i),
          readRef(i), i.readBoolean());
    }
  }

  private static void writeQuality(FrameQuality q, DataOutputStream o) throws IOException {
    o.writeBoolean(q != null);
    if (q != null) {
      o.writeDouble(q.sharpness());
      o.writeDouble(q.brightness());
      o.writeDouble(q.contrast());
      o.writeLong(q.phash());
    }
  }

  private static FrameQuality readQuality(DataInputStream i) throws IOException {
    return i.readBoolean() ? new FrameQuality(i.readDouble(), i.readDouble(), i.readDouble(), i.readLong()) : null;
  }

  private static void writeRef(KeyframeRef d, DataOutputStream o) throws IOException {
    o.writeBoolean(d != null);
    if (d != null) {
      o.writeInt(d.sceneId());
      o.writeInt(d.position());
      o.writeLong(d.frame());
    }
  }

  private static KeyframeRef readRef(DataInputStream i) throws IOException {
    return i.readBoolean() ? new KeyframeRef(i.readInt(), i.readInt(), i.readLong()) : null;
  }

  private static final Coder<OutputPart> PART = new PartCoder();
  private static final Coder<VideoEntry> ENTRY = new EntryCoder();
  private static final Coder<AudioInfo> AUDIO = new AudioCoder();
  private static final Coder<Keyframe> KEYFRAME = new KeyframeCoder();
  private static final Coder<KeyframePlanner.Pick> PICK = new PickCoder();

  public static Coder<OutputPart> outputPart() {
    return PART;
  }

  public static Coder<VideoEntry> videoEntry() {
    return ENTRY;
  }

  public static Coder<AudioInfo> audioInfo() {
    return AUDIO;
  }

  public static Coder<Keyframe> keyframe() {
    return KEYFRAME;
  }

  /** A planned keyframe, on its way from the plan to the worker that fetches it. */
  public static Coder<KeyframePlanner.Pick> keyframePick() {
    return PICK;
  }
}
