package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.model.MotionSample;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Per-frame {@link MotionSample}s as seven columns; {@link MotionSample#NONE} (no estimator) and
 * null entries are flagged, not written, so a video without motion costs one byte a frame.
 */
final class MotionColumns {
  private MotionColumns() {}

  private static final byte NULL = 0;
  private static final byte NONE = 1;
  private static final byte SAMPLE = 2;

  static void write(MotionSample[] m, DataOutputStream o) throws IOException {
    if (m == null) {
      o.writeInt(-1);
      return;
    }
    byte[] kind = new byte[m.length];
    int n = 0;
    for (int k = 0; k < m.length; k++) {
      kind[k] = m[k] == null ? NULL : m[k] == MotionSample.NONE || MotionSample.NONE.equals(m[k]) ? NONE : SAMPLE;
      if (kind[k] == SAMPLE) {
        n++;
      }
    }
    o.writeInt(m.length);
    o.write(kind);
    double[] dx = new double[n], dy = new double[n], scale = new double[n], rot = new double[n], inl = new double[n];
    int[] tracked = new int[n];
    byte[] valid = new byte[n];
    int j = 0;
    for (int k = 0; k < m.length; k++) {
      if (kind[k] == SAMPLE) {
        dx[j] = m[k].dx();
        dy[j] = m[k].dy();
        scale[j] = m[k].scale();
        rot[j] = m[k].rotation();
        inl[j] = m[k].inlierRatio();
        tracked[j] = m[k].tracked();
        valid[j] = (byte) (m[k].valid() ? 1 : 0);
        j++;
      }
    }
    Fields.doubles(o, dx);
    Fields.doubles(o, dy);
    Fields.doubles(o, scale);
    Fields.doubles(o, rot);
    Fields.doubles(o, inl);
    Fields.ints(o, tracked);
    Fields.bytes(o, valid);
  }

  static MotionSample[] read(DataInputStream i) throws IOException {
    int len = i.readInt();
    if (len < 0) {
      return null;
    }
    byte[] kind = new byte[len];
    i.readFully(kind);
    double[] dx = Fields.doubles(i), dy = Fields.doubles(i), scale = Fields.doubles(i), rot = Fields.doubles(i),
        inl = Fields.doubles(i);
    int[] tracked = Fields.ints(i);
    byte[] valid = Fields.bytes(i);
    MotionSample[] m = new MotionSample[len];
    int j = 0;
    for (int k = 0; k < len; k++) {
      if (kind[k] == NONE) {
        m[k] = MotionSample.NONE;
      } else if (kind[k] == SAMPLE) {
        m[k] = new MotionSample(dx[j], dy[j], scale[j], rot[j], inl[j], tracked[j], valid[j] == 1);
        j++;
      }
    }
    return m;
  }
}
