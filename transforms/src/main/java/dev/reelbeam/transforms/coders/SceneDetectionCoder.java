package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.model.FrameQuality;
import dev.reelbeam.transforms.model.FrameSignal;
import dev.reelbeam.transforms.model.MotionSample;
import dev.reelbeam.transforms.model.Scene;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.Transition;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SceneDetection}, the output of {@code FramesToScenes} that every later stage reads: its
 * per-frame signals as columns of raw numbers (as {@link SegmentSignalsCoder}), its scenes and
 * transitions as columns too, the video and settings field by field.
 */
public final class SceneDetectionCoder extends FieldCoder<SceneDetection> {
  private static final SceneDetectionCoder INSTANCE = new SceneDetectionCoder();

  private SceneDetectionCoder() {}

  public static SceneDetectionCoder of() {
    return INSTANCE;
  }

  @Override
  void write(SceneDetection d, DataOutputStream o) throws IOException {
    VideoInfoCoder.put(d.video(), o);
    o.writeLong(d.frameCount());
    o.writeDouble(d.durationSeconds());
    DetectorSettingsCoder.write(d.settings(), o);
    Fields.longs(o, d.cuts().stream().mapToLong(Long::longValue).toArray());
    writeScenes(d.scenes(), o);
    writeSignals(d.signals(), o);
    writeTransitions(d.transitions(), o);
  }

  @Override
  SceneDetection read(DataInputStream i) throws IOException {
    var video = VideoInfoCoder.get(i);
    long frameCount = i.readLong();
    double duration = i.readDouble();
    var settings = DetectorSettingsCoder.read(i);
    List<Long> cuts = new ArrayList<>();
    for (long c : Fields.longs(i)) {
      cuts.add(c);
    }
    return new SceneDetection(video, frameCount, duration, settings, List.copyOf(cuts), readScenes(i),
        readSignals(i), readTransitions(i));
  }

  private static void writeScenes(List<Scene> scenes, DataOutputStream o) throws IOException {
    o.writeInt(scenes.size());
    for (Scene s : scenes) {
      o.writeInt(s.sceneId());
      o.writeLong(s.startFrame());
      o.writeLong(s.endFrame());
      o.writeDouble(s.startTime());
      o.writeDouble(s.endTime());
    }
  }

  private static List<Scene> readScenes(DataInputStream i) throws IOException {
    int n = i.readInt();
    List<Scene> scenes = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      scenes.add(new Scene(i.readInt(), i.readLong(), i.readLong(), i.readDouble(), i.readDouble()));
    }
    return List.copyOf(scenes);
  }

  private static void writeTransitions(List<Transition> transitions, DataOutputStream o) throws IOException {
    o.writeInt(transitions.size());
    for (Transition t : transitions) {
      Fields.string(o, t.type().name());
      o.writeLong(t.startFrame());
      o.writeLong(t.endFrame());
      o.writeDouble(t.startTime());
      o.writeDouble(t.endTime());
      o.writeDouble(t.confidence());
    }
  }

  private static List<Transition> readTransitions(DataInputStream i) throws IOException {
    int n = i.readInt();
    List<Transition> transitions = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      transitions.add(new Transition(Transition.Type.valueOf(Fields.string(i)), i.readLong(), i.readLong(),
          i.readDouble(), i.readDouble(), i.readDouble()));
    }
    return List.copyOf(transitions);
  }

  private static void writeSignals(List<FrameSignal> signals, DataOutputStream o) throws IOException {
    int n = signals.size();
    long[] frame = new long[n];
    double[][] cols = new double[12][n];
    long[] phash = new long[n];
    byte[] hasQuality = new byte[n];
    MotionSample[] motion = new MotionSample[n];
    for (int k = 0; k < n; k++) {
      FrameSignal s = signals.get(k);
      frame[k] = s.frame();
      cols[0][k] = s.time();
      cols[1][k] = s.deltaHue();
      cols[2][k] = s.deltaSat();
      cols[3][k] = s.deltaLum();
      cols[4][k] = s.contentVal();
      cols[5][k] = s.averageRgb();
      cols[6][k] = s.hashDist();
      cols[7][k] = s.histDiff();
      cols[8][k] = s.adaptiveRatio();
      FrameQuality q = s.quality();
      if (q != null) {
        hasQuality[k] = 1;
        cols[9][k] = q.sharpness();
        cols[10][k] = q.brightness();
        cols[11][k] = q.contrast();
        phash[k] = q.phash();
      }
      motion[k] = s.motion();
    }
    Fields.longs(o, frame);
    Fields.longs(o, phash);
    Fields.bytes(o, hasQuality);
    for (double[] c : cols) {
      Fields.doubles(o, c);
    }
    MotionColumns.write(motion, o);
  }

  private static List<FrameSignal> readSignals(DataInputStream i) throws IOException {
    long[] frame = Fields.longs(i);
    long[] phash = Fields.longs(i);
    byte[] hasQuality = Fields.bytes(i);
    double[][] c = new double[12][];
    for (int k = 0; k < c.length; k++) {
      c[k] = Fields.doubles(i);
    }
    MotionSample[] motion = MotionColumns.read(i);
    List<FrameSignal> signals = new ArrayList<>(frame.length);
    for (int k = 0; k < frame.length; k++) {
      signals.add(new FrameSignal(frame[k], c[0][k], c[1][k], c[2][k], c[3][k], c[4][k], motion[k],
          c[5][k], c[6][k], c[7][k], c[8][k],
          hasQuality[k] == 0 ? null : new FrameQuality(c[9][k], c[10][k], c[11][k], phash[k])));
    }
    return List.copyOf(signals);
  }
}
