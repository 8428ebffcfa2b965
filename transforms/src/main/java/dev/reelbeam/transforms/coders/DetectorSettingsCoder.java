package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** {@link DetectorSettings} field by field, inside the coders of the elements that carry them. */
final class DetectorSettingsCoder {
  private DetectorSettingsCoder() {}

  static void write(DetectorSettings s, DataOutputStream o) throws IOException {
    o.writeBoolean(s != null);
    if (s == null) {
      return;
    }
    o.writeDouble(s.threshold());
    o.writeInt(s.minSceneLen());
    o.writeDouble(s.weightHue());
    o.writeDouble(s.weightSat());
    o.writeDouble(s.weightLum());
    o.writeDouble(s.weightEdges());
    o.writeInt(s.downscaleTarget());
    Fields.string(o, s.detector() == null ? null : s.detector().name());
    o.writeDouble(s.adaptiveThreshold());
    o.writeInt(s.windowWidth());
    o.writeDouble(s.minContentVal());
    o.writeDouble(s.hashThreshold());
    o.writeInt(s.hashSize());
    o.writeInt(s.hashLowpass());
    o.writeDouble(s.histogramThreshold());
    o.writeInt(s.histogramBins());
    o.writeDouble(s.fadeThreshold());
    o.writeDouble(s.fadeBias());
    o.writeBoolean(s.addFinalScene());
    o.writeBoolean(s.splitGradual());
  }

  static DetectorSettings read(DataInputStream i) throws IOException {
    if (!i.readBoolean()) {
      return null;
    }
    double threshold = i.readDouble();
    int minSceneLen = i.readInt();
    double hue = i.readDouble();
    double sat = i.readDouble();
    double lum = i.readDouble();
    double edges = i.readDouble();
    int downscale = i.readInt();
    String detector = Fields.string(i);
    return new DetectorSettings(threshold, minSceneLen, hue, sat, lum, edges, downscale,
        detector == null ? null : Detector.valueOf(detector), i.readDouble(), i.readInt(),
        i.readDouble(), i.readDouble(), i.readInt(), i.readInt(), i.readDouble(), i.readInt(),
        i.readDouble(), i.readDouble(), i.readBoolean(), i.readBoolean());
  }
}
