package dev.reelbeam.pipelines.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a job ended.
 *
 * @param status {@code completed}, {@code completed_with_errors}, {@code stopped} (safety stop) or
 *     {@code failed}
 * @param exitCode the command's exit status: 0 completed, 1 otherwise
 * @param reason why it stopped or failed; empty when completed
 * @param counters the ReelBeam counters summed over steps (see {@link Counters})
 * @param failedInputs inputs with an error record
 * @param metadata the {@code execution_metadata.json} written (null when the output is not local)
 * @param log the run's log file
 * @param seconds wall time of the whole run
 */
public record JobOutcome(
    String status,
    int exitCode,
    String reason,
    Map<String, Long> counters,
    List<String> failedInputs,
    Path metadata,
    Path log,
    double seconds) {

  public static final String COMPLETED = "completed";
  public static final String COMPLETED_WITH_ERRORS = "completed_with_errors";
  public static final String STOPPED = "stopped";
  public static final String FAILED = "failed";
}
