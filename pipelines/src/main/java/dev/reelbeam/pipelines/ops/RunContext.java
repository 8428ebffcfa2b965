package dev.reelbeam.pipelines.ops;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The facts of one run that every phase of {@link JobRunner} reads (when it started, where it
 * writes and logs, which runner and job), and the two maps the phases fill in for
 * {@code execution_metadata.json}.
 */
record RunContext(
    LocalDateTime start,
    long t0,
    Path out,
    RunLog log,
    String runner,
    String flinkMaster,
    String jobName,
    Map<String, Object> resources,
    Map<String, Double> phases) {}
