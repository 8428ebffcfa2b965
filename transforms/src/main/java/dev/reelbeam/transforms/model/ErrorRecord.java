package dev.reelbeam.transforms.model;

import java.io.Serializable;

/**
 * A bad input, kept with its error instead of stopping the run: written to
 * {@code errors/<id>.<stage>.json}.
 *
 * @param input the input path
 * @param id video id or document id
 * @param stage the stage that failed (probe, decode, scenes, frames, audio, ...)
 * @param exceptionClass the exception's class name
 * @param message a message a person understands: what was wrong with the input
 */
public record ErrorRecord(String input, String id, String stage, String exceptionClass, String message)
    implements Serializable {}
