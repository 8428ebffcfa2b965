package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.model.VideoSegment;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** {@link VideoSegment}: its video field by field, then index, count, start and end. */
public final class VideoSegmentCoder extends AtomicCoder<VideoSegment> {
  private static final VideoSegmentCoder INSTANCE = new VideoSegmentCoder();

  private VideoSegmentCoder() {}

  public static VideoSegmentCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VideoSegment s, OutputStream out) throws IOException {
    DataOutputStream o = new DataOutputStream(out);
    VideoInfoCoder.write(s.video(), o);
    o.writeInt(s.index());
    o.writeInt(s.count());
    o.writeDouble(s.startTime());
    o.writeDouble(s.endTime());
  }

  @Override
  public VideoSegment decode(InputStream in) throws IOException {
    DataInputStream i = new DataInputStream(in);
    return new VideoSegment(VideoInfoCoder.read(i), i.readInt(), i.readInt(), i.readDouble(), i.readDouble());
  }
}
