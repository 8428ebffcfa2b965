package dev.reelbeam.transforms.outputs;

import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.transforms.model.ErrorRecord;
import java.io.IOException;
import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each dead-letter record to {@code errors/<id>.<stage>.json} and passes it on (to the
 * manifest join and the index). A failure to write the record itself fails the job: an error must
 * never vanish.
 */
public final class WriteErrors extends PTransform<PCollection<ErrorRecord>, PCollection<ErrorRecord>> {

  private final String outputRoot;

  private WriteErrors(String outputRoot) {
    this.outputRoot = outputRoot;
  }

  /** Writes under {@code outputRoot}. */
  public static WriteErrors to(String outputRoot) {
    Objects.requireNonNull(outputRoot, "outputRoot");
    return new WriteErrors(outputRoot);
  }

  /**
   * The record as written, the one spelling every reader reads: {@code input}, {@code video_id} (the
   * video's id, or the document's for stage {@code docs}), {@code stage}, {@code exception} (the
   * exception's class name), {@code message}, {@code stack_trace}. The record's {@code time} is not
   * in the file: like every per-video output it has the same bytes on a rerun; the file's own
   * modification time is when it failed, and {@code execution_metadata.json} lists it per failed
   * input.
   */
  public static ObjectNode toJson(ErrorRecord e) {
    ObjectNode n = Json.object();
    n.put("input", e.input());
    n.put("video_id", e.id());
    n.put("stage", e.stage());
    n.put("exception", e.exceptionClass());
    n.put("message", e.message());
    n.put("stack_trace", e.stackTrace());
    return n;
  }

  /** {@link #toJson} as the bytes of {@code errors/<id>.<stage>.json}. */
  public static byte[] render(ErrorRecord e) {
    return Json.bytes(toJson(e));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(OutputLayout.rootItem(outputRoot));
  }

  @Override
  public PCollection<ErrorRecord> expand(PCollection<ErrorRecord> errors) {
    return errors.apply("WriteErrorRecords", ParDo.of(new WriteFn(outputRoot)));
  }

  private static final class WriteFn extends DoFn<ErrorRecord, ErrorRecord> {
    private final String outputRoot;

    WriteFn(String outputRoot) {
      this.outputRoot = outputRoot;
    }

    private final Counter errors = Metrics.counter("reelbeam", "errors");

    @ProcessElement
    public void process(@Element ErrorRecord e, OutputReceiver<ErrorRecord> out) throws IOException {
      errors.inc();
      OutputStore.at(outputRoot).write(OutputLayout.error(e.id(), e.stage()), render(e));
      out.output(e);
    }
  }
}
