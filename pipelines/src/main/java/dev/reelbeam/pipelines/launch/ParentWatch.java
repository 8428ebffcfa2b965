package dev.reelbeam.pipelines.launch;

import java.util.Optional;

/**
 * In the JVM the {@link Launcher} started: when the launcher dies without stopping it (SIGKILL, a
 * crash), this JVM halts at once too, as the one JVM of a {@code java -jar} would have died. A user
 * or a supervisor that kills the process it started must not leave a job running behind its back;
 * the outputs are written atomically, so a halt leaves only complete files or {@code .tmp-} files.
 */
public final class ParentWatch {

  private ParentWatch() {}

  /** Watches the launcher named by {@code -Dreelbeam.launcher.pid}; nothing when there is none. */
  public static void start() {
    String pid = System.getProperty(Launcher.LAUNCHER_PID);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> launcher = ProcessHandle.of(Long.parseLong(pid));
    if (launcher.isEmpty()) {
      Runtime.getRuntime().halt(137);
    }
    // onExit of a process that is not our child is polled by the JDK on a daemon thread.
    launcher.get().onExit().thenRun(() -> Runtime.getRuntime().halt(137));
  }
}
