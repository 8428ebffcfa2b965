package dev.reelbeam.pipelines;

/** One sub-command of {@code java -jar reelbeam.jar <command> [--flag=value ...]}. */
public interface Command {

  /** Exit status: every input done. */
  int OK = 0;

  /** Exit status: some inputs failed, each with an error record. */
  int SOME_FAILED = 1;

  /** Exit status: cannot start (bad flags, missing input, unwritable output). */
  int CANNOT_START = 2;

  /** The word on the command line. */
  String name();

  /** One line for the command list. */
  String summary();

  /** Runs with the arguments after the command word; returns the exit status. */
  int run(String[] args) throws Exception;
}
