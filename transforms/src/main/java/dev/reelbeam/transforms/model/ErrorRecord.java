package dev.reelbeam.transforms.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A bad input, kept with its error instead of stopping the run: the one error record of every
 * ReelBeam transform, written to {@code errors/<id>.<stage>.json} by {@code WriteErrors}.
 *
 * @param input the input path
 * @param id video id or document id
 * @param stage the stage that failed (probe, decode, scenes, frames, audio, docs, ...)
 * @param exceptionClass the exception's class name
 * @param message a message a person understands: what was wrong with the input
 * @param stackTrace the failure's stack trace with its causes ("" when there was no exception, e.g. an
 *     orphan subtitle file)
 * @param time when the failure happened, ISO-8601 UTC to the millisecond
 */
@DefaultCoder(ErrorRecordCoder.class)
public record ErrorRecord(
    String input, String id, String stage, String exceptionClass, String message, String stackTrace,
    String time)
    implements Serializable {

  /** A record without a stack trace, timed now: a failure found by a check, not by an exception. */
  public ErrorRecord(String input, String id, String stage, String exceptionClass, String message) {
    this(input, id, stage, exceptionClass, message, "", now());
  }

  /** The same record with another message (a segment's or chunk's place added to it). */
  public ErrorRecord withMessage(String newMessage) {
    return new ErrorRecord(input, id, stage, exceptionClass, newMessage, stackTrace, time);
  }

  /** Now, as the {@code time} field spells it. */
  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
