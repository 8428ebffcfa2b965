package dev.reelbeam.transforms;

import dev.reelbeam.transforms.model.ErrorRecord;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** The output of a transform with a main output and a dead-letter output of {@link ErrorRecord}s. */
abstract class TwoOutputs<T> implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<T> mainTag;
  private final PCollection<T> main;
  private final TupleTag<ErrorRecord> errorTag;
  private final PCollection<ErrorRecord> errors;

  TwoOutputs(
      Pipeline pipeline,
      TupleTag<T> mainTag,
      PCollection<T> main,
      TupleTag<ErrorRecord> errorTag,
      PCollection<ErrorRecord> errors) {
    this.pipeline = pipeline;
    this.mainTag = mainTag;
    this.main = main;
    this.errorTag = errorTag;
    this.errors = errors;
  }

  PCollection<T> main() {
    return main;
  }

  /** Bad records of this stage, never swallowed. */
  public PCollection<ErrorRecord> errors() {
    return errors;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(mainTag, main, errorTag, errors);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
