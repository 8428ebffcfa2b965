package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.video.VideoInfo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** {@link VideoInfo} field by field (its keyframe times as one block of doubles). */
public final class VideoInfoCoder extends FieldCoder<VideoInfo> {
  private static final VideoInfoCoder INSTANCE = new VideoInfoCoder();

  private VideoInfoCoder() {}

  public static VideoInfoCoder of() {
    return INSTANCE;
  }

  @Override
  void write(VideoInfo v, DataOutputStream o) throws IOException {
    put(v, o);
  }

  @Override
  VideoInfo read(DataInputStream i) throws IOException {
    return get(i);
  }

  static void put(VideoInfo v, DataOutputStream o) throws IOException {
    Fields.string(o, v.path());
    Fields.string(o, v.videoId());
    o.writeInt(v.codedWidth());
    o.writeInt(v.codedHeight());
    o.writeInt(v.displayWidth());
    o.writeInt(v.displayHeight());
    o.writeInt(v.rotation());
    o.writeDouble(v.fps());
    Fields.string(o, v.frameRate());
    o.writeDouble(v.durationSeconds());
    o.writeLong(v.frameCountEstimate());
    o.writeDouble(v.startTimeSeconds());
    Fields.string(o, v.videoCodec());
    Fields.doubleList(o, v.keyframeTimes());
    o.writeBoolean(v.hasAudio());
    o.writeInt(v.audioChannels());
    o.writeInt(v.audioSampleRate());
    Fields.string(o, v.fingerprint());
  }

  static VideoInfo get(DataInputStream i) throws IOException {
    return new VideoInfo(
        Fields.string(i), Fields.string(i), i.readInt(), i.readInt(), i.readInt(), i.readInt(),
        i.readInt(), i.readDouble(), Fields.string(i), i.readDouble(), i.readLong(), i.readDouble(),
        Fields.string(i), Fields.doubleList(i), i.readBoolean(), i.readInt(), i.readInt(),
        Fields.string(i));
  }
}
