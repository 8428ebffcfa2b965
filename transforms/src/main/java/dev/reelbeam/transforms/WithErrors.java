package dev.reelbeam.transforms;

import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.transforms.outputs.WriteErrors;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The result of every ReelBeam transform that can meet a bad input: its output and a dead-letter
 * {@code PCollection} of {@link ErrorRecord}s (one record schema for every stage, written by {@link
 * WriteErrors}). Each transform's {@code Result} extends it with a name for its output ({@code
 * signals()}, {@code scenes()}, ...). A job that collects failures with Beam's own {@link
 * ErrorHandler} passes them there with {@link #errorsTo}. See {@code src/site/markdown/transforms.md}
 * for why the errors are a typed output rather than only Beam's {@link BadRecord}.
 *
 * @param <T> the main output's element type
 */
public class WithErrors<T> implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<T> mainTag;
  private final PCollection<T> main;
  private final TupleTag<ErrorRecord> errorTag;
  private final PCollection<ErrorRecord> errors;

  protected WithErrors(
      Pipeline pipeline,
      TupleTag<T> mainTag,
      PCollection<T> main,
      TupleTag<ErrorRecord> errorTag,
      PCollection<ErrorRecord> errors) {
    this.pipeline = pipeline;
    this.mainTag = mainTag;
    this.main = main;
    this.errorTag = errorTag;
    this.errors = errors.setCoder(ErrorRecordCoder.of());
  }

  /** The two outputs of a multi-output {@code ParDo}. */
  protected WithErrors(PCollectionTuple t, TupleTag<T> mainTag, TupleTag<ErrorRecord> errorTag) {
    this(t.getPipeline(), mainTag, t.get(mainTag), errorTag, t.get(errorTag));
  }

  /** A result from an output and its errors (for transforms written outside this package). */
  public static <T> WithErrors<T> of(PCollection<T> output, PCollection<ErrorRecord> errors) {
    return new WithErrors<>(output.getPipeline(), new TupleTag<>("output"), output, new TupleTag<>("errors"), errors);
  }

  /** What the transform produced from the inputs that were good. */
  public PCollection<T> output() {
    return main;
  }

  /** Bad records of this stage, never swallowed. */
  public PCollection<ErrorRecord> errors() {
    return errors;
  }

  /**
   * Hands the errors to a Beam {@link ErrorHandler} as {@link BadRecord}s too: the record is the
   * input path, the failure's exception, stack trace and a description of stage and message.
   * Returns the output, so a job can chain on.
   */
  public PCollection<T> errorsTo(ErrorHandler<BadRecord, ?> handler) {
    handler.addErrorCollection(
        errors
            .apply("ToBadRecords", MapElements.via(new ToBadRecord()))
            .setCoder(BadRecord.getCoder(pipeline)));
    return main;
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

  /** An {@link ErrorRecord} as Beam's {@link BadRecord}. */
  static final class ToBadRecord extends SimpleFunction<ErrorRecord, BadRecord> {
    @Override
    public BadRecord apply(ErrorRecord e) {
      BadRecord.Record record =
          BadRecord.Record.builder()
              .setHumanReadableJsonRecord(new String(WriteErrors.render(e), StandardCharsets.UTF_8))
              .addCoderAndEncodedRecord(StringUtf8Coder.of(), e.input())
              .build();
      BadRecord.Failure failure =
          BadRecord.Failure.builder()
              .setException(e.exceptionClass() + ": " + e.message())
              .setExceptionStacktrace(e.stackTrace())
              .setDescription(e.stage() + ": " + e.message())
              .build();
      return BadRecord.builder().setRecord(record).setFailure(failure).build();
    }
  }
}
