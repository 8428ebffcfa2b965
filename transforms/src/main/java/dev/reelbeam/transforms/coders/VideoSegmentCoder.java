package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.model.VideoSegment;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** {@link VideoSegment}: its video field by field, then index, count, start and end. */
public final class VideoSegmentCoder extends FieldCoder<VideoSegment> {
  private static final VideoSegmentCoder INSTANCE = new VideoSegmentCoder();

  private VideoSegmentCoder() {}

  public static VideoSegmentCoder of() {
    return INSTANCE;
  }

  @Override
  void write(VideoSegment s, DataOutputStream o) throws IOException {
    VideoInfoCoder.put(s.video(), o);
    o.writeInt(s.index());
    o.writeInt(s.count());
    o.writeDouble(s.startTime());
    o.writeDouble(s.endTime());
  }

  @Override
  VideoSegment read(DataInputStream i) throws IOException {
    return new VideoSegment(VideoInfoCoder.get(i), i.readInt(), i.readInt(), i.readDouble(), i.readDouble());
  }
}
