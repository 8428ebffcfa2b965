package dev.reelbeam.transforms.coders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field encodings the purpose-written coders share: every value length-prefixed (so a coder is
 * self-delimiting wherever Beam nests it), {@code -1} for null, arrays as one bulk big-endian block.
 */
final class Fields {
  private Fields() {}

  static void string(DataOutputStream o, String s) throws IOException {
    bytes(o, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  static String string(DataInputStream i) throws IOException {
    byte[] b = bytes(i);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static void bytes(DataOutputStream o, byte[] b) throws IOException {
    if (b == null) {
      o.writeInt(-1);
      return;
    }
    o.writeInt(b.length);
    o.write(b);
  }

  static byte[] bytes(DataInputStream i) throws IOException {
    int n = i.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    i.readFully(b);
    return b;
  }

  static void doubles(DataOutputStream o, double[] a) throws IOException {
    if (a == null) {
      o.writeInt(-1);
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(a.length * Double.BYTES);
    buf.asDoubleBuffer().put(a);
    o.writeInt(a.length);
    o.write(buf.array());
  }

  static double[] doubles(DataInputStream i) throws IOException {
    int n = i.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n * Double.BYTES];
    i.readFully(b);
    double[] a = new double[n];
    ByteBuffer.wrap(b).asDoubleBuffer().get(a);
    return a;
  }

  static void longs(DataOutputStream o, long[] a) throws IOException {
    if (a == null) {
      o.writeInt(-1);
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(a.length * Long.BYTES);
    buf.asLongBuffer().put(a);
    o.writeInt(a.length);
    o.write(buf.array());
  }

  static long[] longs(DataInputStream i) throws IOException {
    int n = i.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n * Long.BYTES];
    i.readFully(b);
    long[] a = new long[n];
    ByteBuffer.wrap(b).asLongBuffer().get(a);
    return a;
  }

  static void floats(DataOutputStream o, float[] a) throws IOException {
    if (a == null) {
      o.writeInt(-1);
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(a.length * Float.BYTES);
    buf.asFloatBuffer().put(a);
    o.writeInt(a.length);
    o.write(buf.array());
  }

  static float[] floats(DataInputStream i) throws IOException {
    int n = i.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n * Float.BYTES];
    i.readFully(b);
    float[] a = new float[n];
    ByteBuffer.wrap(b).asFloatBuffer().get(a);
    return a;
  }

  static void ints(DataOutputStream o, int[] a) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(a.length * Integer.BYTES);
    buf.asIntBuffer().put(a);
    o.writeInt(a.length);
    o.write(buf.array());
  }

  static int[] ints(DataInputStream i) throws IOException {
    int n = i.readInt();
    byte[] b = new byte[n * Integer.BYTES];
    i.readFully(b);
    int[] a = new int[n];
    ByteBuffer.wrap(b).asIntBuffer().get(a);
    return a;
  }

  static void doubleList(DataOutputStream o, List<Double> l) throws IOException {
    doubles(o, l == null ? null : l.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static List<Double> doubleList(DataInputStream i) throws IOException {
    double[] a = doubles(i);
    if (a == null) {
      return null;
    }
    List<Double> l = new ArrayList<>(a.length);
    for (double d : a) {
      l.add(d);
    }
    return List.copyOf(l);
  }

  static void strings(DataOutputStream o, List<String> l) throws IOException {
    o.writeInt(l.size());
    for (String x : l) {
      string(o, x);
    }
  }

  static List<String> strings(DataInputStream i) throws IOException {
    int n = i.readInt();
    List<String> l = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      l.add(string(i));
    }
    return l;
  }

  /** Writes one value of a list or map. */
  interface Writer<V> {
    void write(DataOutputStream o, V v) throws IOException;
  }

  /** Reads one value of a list or map. */
  interface Reader<V> {
    V read(DataInputStream i) throws IOException;
  }

  /** A list of records, each written by {@code items}. */
  static <V> void list(DataOutputStream o, List<V> l, Writer<V> items) throws IOException {
    o.writeInt(l.size());
    for (V v : l) {
      items.write(o, v);
    }
  }

  static <V> List<V> list(DataInputStream i, Reader<V> items) throws IOException {
    int n = i.readInt();
    List<V> l = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      l.add(items.read(i));
    }
    return l;
  }

  /**
   * A map with string keys in its own iteration order, read back into a {@link LinkedHashMap} in that
   * order (a sorted map's encoding is therefore deterministic; the records copy it into the map type
   * they keep).
   */
  static <V> void map(DataOutputStream o, Map<String, V> m, Writer<V> values) throws IOException {
    o.writeInt(m.size());
    for (Map.Entry<String, V> e : m.entrySet()) {
      string(o, e.getKey());
      values.write(o, e.getValue());
    }
  }

  static <V> Map<String, V> map(DataInputStream i, Reader<V> values) throws IOException {
    int n = i.readInt();
    Map<String, V> m = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      m.put(string(i), values.read(i));
    }
    return m;
  }

  /**
   * A small per-segment configuration object of an open type (a motion estimator factory, which a
   * caller may implement): Java serialisation, once per element, never per frame.
   */
  static void serialized(DataOutputStream o, Serializable s) throws IOException {
    if (s == null) {
      bytes(o, null);
      return;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream oo = new ObjectOutputStream(b)) {
      oo.writeObject(s);
    }
    bytes(o, b.toByteArray());
  }

  static <T> T serialized(DataInputStream i, Class<T> type) throws IOException {
    byte[] b = bytes(i);
    if (b == null) {
      return null;
    }
    try (ObjectInputStream oi = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return type.cast(oi.readObject());
    } catch (ClassNotFoundException e) {
      throw new IOException("cannot decode " + type.getName() + ": " + e.getMessage(), e);
    }
  }
}
