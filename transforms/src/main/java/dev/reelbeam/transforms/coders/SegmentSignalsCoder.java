package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.motion.MotionEstimatorFactory;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * {@link SegmentSignals}, the element that crosses {@code FramesToScenes}' GroupByKey: every
 * per-frame signal as one block of raw big-endian numbers (a column per field, motion as seven
 * columns), the segment's facts field by field; only the motion estimator factory, an open type
 * sent once per segment, is Java-serialised. See {@code src/site/markdown/transforms.md} for the
 * size and time against Java serialisation.
 */
public final class SegmentSignalsCoder extends FieldCoder<SegmentSignals> {
  private static final SegmentSignalsCoder INSTANCE = new SegmentSignalsCoder();

  private SegmentSignalsCoder() {}

  public static SegmentSignalsCoder of() {
    return INSTANCE;
  }

  @Override
  void write(SegmentSignals s, DataOutputStream o) throws IOException {
    VideoSegment seg = s.segment();
    VideoInfoCoder.put(seg.video(), o);
    o.writeInt(seg.index());
    o.writeInt(seg.count());
    o.writeDouble(seg.startTime());
    o.writeDouble(seg.endTime());
    o.writeBoolean(s.clock() != null);
    if (s.clock() != null) {
      o.writeLong(s.clock().num());
      o.writeLong(s.clock().den());
      o.writeLong(s.clock().startPts());
      o.writeLong(s.clock().formatStartMicros());
    }
    o.writeInt(s.downscaleTarget());
    o.writeBoolean(s.edges());
    Fields.longs(o, s.pts());
    Fields.doubles(o, s.deltaHue());
    Fields.doubles(o, s.deltaSat());
    Fields.doubles(o, s.deltaLum());
    Fields.doubles(o, s.deltaEdges());
    MotionColumns.write(s.motion(), o);
    Fields.bytes(o, s.firstSmallPng());
    Fields.bytes(o, s.lastSmallPng());
    Fields.serialized(o, s.motionFactory());
    o.writeLong(s.skippedFrames());
    DetectorSettingsCoder.write(s.metricSettings(), o);
    Fields.doubles(o, s.averageRgb());
    Fields.doubles(o, s.hashDist());
    Fields.doubles(o, s.histDiff());
    Fields.doubles(o, s.lumaStd());
    Fields.bytes(o, s.thumbnails());
    Fields.doubles(o, s.sharpness());
    Fields.doubles(o, s.brightness());
    Fields.longs(o, s.phash());
  }

  @Override
  SegmentSignals read(DataInputStream i) throws IOException {
    VideoSegment seg = new VideoSegment(VideoInfoCoder.get(i), i.readInt(), i.readInt(), i.readDouble(), i.readDouble());
    StreamClock clock = i.readBoolean() ? new StreamClock(i.readLong(), i.readLong(), i.readLong(), i.readLong()) : null;
    int downscale = i.readInt();
    boolean edges = i.readBoolean();
    long[] pts = Fields.longs(i);
    double[] hue = Fields.doubles(i);
    double[] sat = Fields.doubles(i);
    double[] lum = Fields.doubles(i);
    double[] edgeDeltas = Fields.doubles(i);
    MotionSample[] motion = MotionColumns.read(i);
    byte[] first = Fields.bytes(i);
    byte[] last = Fields.bytes(i);
    MotionEstimatorFactory factory = Fields.serialized(i, MotionEstimatorFactory.class);
    long skipped = i.readLong();
    return new SegmentSignals(seg, clock, downscale, edges, pts, hue, sat, lum, edgeDeltas, motion,
        first, last, factory, skipped, DetectorSettingsCoder.read(i), Fields.doubles(i),
        Fields.doubles(i), Fields.doubles(i), Fields.doubles(i), Fields.bytes(i),
        Fields.doubles(i), Fields.doubles(i), Fields.longs(i));
  }
}
