package dev.reelbeam.transforms;

import dev.reelbeam.transforms.model.ErrorRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Turns the errors of the parts (segments, chunks) of one video into one record: the first failed
 * part's reason, with how many parts failed. One video, one error file per stage.
 */
final class FirstErrorPerVideo extends DoFn<KV<String, Iterable<KV<Integer, ErrorRecord>>>, ErrorRecord> {
  private final String partName;

  FirstErrorPerVideo(String partName) {
    this.partName = partName;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    KV<Integer, ErrorRecord> first = null;
    int failed = 0;
    for (KV<Integer, ErrorRecord> e : c.element().getValue()) {
      failed++;
      if (first == null || e.getKey() < first.getKey()) {
        first = e;
      }
    }
    ErrorRecord r = first.getValue();
    String message =
        failed == 1 ? r.message() : r.message() + " (" + failed + " " + partName + " of this video failed)";
    c.output(r.withMessage(message));
  }
}
