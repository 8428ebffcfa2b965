package dev.reelbeam.transforms.coders;

import dev.reelbeam.transforms.camera.CameraSummary;
import dev.reelbeam.transforms.composition.CompositionSummary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.beam.sdk.coders.Coder;

/** The per-video analysis summaries ({@link CameraSummary}, {@link CompositionSummary}), field by field. */
public final class SummaryCoders {
  private SummaryCoders() {}

  private static final class CameraCoder extends FieldCoder<CameraSummary> {
    @Override
    void write(CameraSummary s, DataOutputStream o) throws IOException {
      Fields.string(o, s.videoId());
      Fields.string(o, s.output());
      o.writeInt(s.scenes());
      o.writeLong(s.frames());
      o.writeDouble(s.durationSeconds());
      Fields.string(o, s.dominantMovement());
      o.writeInt(s.mostlyStaticScenes());
      o.writeInt(s.handheldScenes());
      Fields.map(o, s.movementCounts(), DataOutputStream::writeInt);
      Fields.map(o, s.movementSeconds(), DataOutputStream::writeDouble);
    }

    @Override
    CameraSummary read(DataInputStream i) throws IOException {
      return new CameraSummary(Fields.string(i), Fields.string(i), i.readInt(), i.readLong(), i.readDouble(),
          Fields.string(i), i.readInt(), i.readInt(), Fields.map(i, DataInputStream::readInt),
          Fields.map(i, DataInputStream::readDouble));
    }
  }

  private static final class CompositionCoder extends FieldCoder<CompositionSummary> {
    @Override
    void write(CompositionSummary s, DataOutputStream o) throws IOException {
      Fields.string(o, s.videoId());
      Fields.string(o, s.output());
      o.writeInt(s.keyframes());
      o.writeInt(s.scenes());
      o.writeDouble(s.averageOverall());
      o.writeDouble(s.averageThirds());
      o.writeDouble(s.averageBalance());
      o.writeDouble(s.averageSymmetry());
      Fields.string(o, s.bestPath());
      o.writeDouble(s.bestScore());
      Fields.string(o, s.worstPath());
      o.writeDouble(s.worstScore());
    }

    @Override
    CompositionSummary read(DataInputStream i) throws IOException {
      return new CompositionSummary(Fields.string(i), Fields.string(i), i.readInt(), i.readInt(), i.readDouble(),
          i.readDouble(), i.readDouble(), i.readDouble(), Fields.string(i), i.readDouble(), Fields.string(i),
          i.readDouble());
    }
  }

  private static final Coder<CameraSummary> CAMERA = new CameraCoder();
  private static final Coder<CompositionSummary> COMPOSITION = new CompositionCoder();

  public static Coder<CameraSummary> cameraSummary() {
    return CAMERA;
  }

  public static Coder<CompositionSummary> compositionSummary() {
    return COMPOSITION;
  }
}
