package dev.reelbeam.pipelines.launch;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The jar's entry point. {@code java -jar reelbeam.jar} cannot carry JVM flags, and a cold start
 * spends most of its time loading, parsing and verifying Beam's classes (about 7,600 of them for a
 * {@code stage1}); so this launcher starts the real program, {@code dev.reelbeam.pipelines.ReelBeam},
 * in a second JVM that maps those classes from a class data sharing archive
 * ({@link ClassDataArchive}), with C1 alone and the serial collector when the job is short
 * ({@link ShortJob}, which also runs OpenBLAS on one thread), a pipeline command on a film
 * ({@link FilmJob}) or {@code stage3} ({@link KnowledgeBaseJob}), and passes on the exit status. It loads almost nothing itself, waits,
 * and forwards a stop: a SIGTERM or Ctrl-C stops the program the same way; if the launcher is
 * killed outright, the program notices and stops at once ({@link ParentWatch}).
 *
 * <p>No second JVM when it cannot help: when the classes do not come from a jar (tests, an IDE),
 * when {@code REELBEAM_LAUNCHER=direct} or {@code -Dreelbeam.launcher=direct} asks for one JVM,
 * when the user chose class sharing flags, or when no cache folder can be written.
 */
public final class Launcher {

  /** The program the launcher starts. */
  static final String PROGRAM = "dev.reelbeam.pipelines.ReelBeam";

  /** System property the started JVM gets: the launcher's pid, which it watches. */
  static final String LAUNCHER_PID = "reelbeam.launcher.pid";

  /** Commands whose first run writes the archive: they load the classes every later command needs. */
  private static final Set<String> TRAINING_COMMANDS = Set.of("run", "stage1", "stage2");

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Optional<Path> jar = ownJar();
    Optional<List<String>> jvmArgs = jvmArgsBeforeJar();
    Optional<Path> dir = wanted() && jar.isPresent() && jvmArgs.isPresent() && !choseSharing(jvmArgs.get())
        ? ClassDataArchive.defaultDir()
        : Optional.empty();
    if (dir.isEmpty()) {
      runHere(args);
      return;
    }
    ClassDataArchive archive = ClassDataArchive.of(dir.get(), jar.get());
    long pid = ProcessHandle.current().pid();
    boolean writes = !Files.isRegularFile(archive.path()) && trains(args);
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs.get());
    if (writes || Files.isRegularFile(archive.path())) {
      cmd.addAll(archive.jvmFlags(pid));
    }
    if (!writes && Files.isRegularFile(archive.path())) {
      archive.markUsed();
    }
    boolean shortJob = ShortJob.isShort(args);
    List<String> jitAndCollector = ShortJob.flags(shortJob, jvmArgs.get());
    if (jitAndCollector.isEmpty()) {
      jitAndCollector = FilmJob.flags(args, jvmArgs.get());
    }
    if (jitAndCollector.isEmpty()) {
      jitAndCollector = KnowledgeBaseJob.flags(args, jvmArgs.get());
    }
    cmd.addAll(jitAndCollector);
    cmd.add("-D" + LAUNCHER_PID + "=" + pid);
    cmd.add("-cp");
    cmd.add(jar.get().toString());
    cmd.add(PROGRAM);
    cmd.addAll(List.of(args));
    ProcessBuilder program = new ProcessBuilder(cmd).inheritIO();
    program.environment().putAll(ShortJob.environment(shortJob, System.getenv()));
    Process child = program.start();
    Thread forward = new Thread(() -> stop(child), "reelbeam-launcher-stop");
    Runtime.getRuntime().addShutdownHook(forward);
    int status = waitFor(child);
    if (writes) {
      archive.settle(pid, status == 0 || status == 1);
    }
    ProcessFigures.reportIfAsked("launcher");
    // The program has ended: nothing for the hook to forward.
    Runtime.getRuntime().removeShutdownHook(forward);
    System.exit(status);
  }

  /** The program in this JVM, as before the launcher existed. */
  private static void runHere(String[] args) throws Exception {
    Class.forName(PROGRAM).getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static boolean wanted() {
    String env = System.getenv("REELBEAM_LAUNCHER");
    String prop = System.getProperty("reelbeam.launcher");
    return !"direct".equals(prop) && !"direct".equals(env);
  }

  /** The user's own class sharing flags (an archive of theirs, sharing off) are left alone. */
  static boolean choseSharing(List<String> jvmArgs) {
    return jvmArgs.stream()
        .anyMatch(a -> a.startsWith("-Xshare") || a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit"));
  }

  /**
   * The JVM flags the user gave before {@code -jar}, as typed (an {@code @argfile} stays one, and
   * {@code JDK_JAVA_OPTIONS} reaches the second JVM through the environment); empty when this JVM
   * was not started with {@code -jar} or its command line cannot be read. Read from the process's
   * command line rather than the management beans, which would load a few hundred classes here.
   */
  static Optional<List<String>> jvmArgsBeforeJar() {
    Optional<String[]> all = ProcessHandle.current().info().arguments();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<String> before = new ArrayList<>();
    for (String a : all.get()) {
      if (a.equals("-jar")) {
        return Optional.of(before);
      }
      before.add(a);
    }
    return Optional.empty();
  }

  /** A first run of a pipeline command writes the archive; help or a single query would write a thin one. */
  static boolean trains(String[] args) {
    return args.length > 0 && TRAINING_COMMANDS.contains(args[0]) && !asksForHelp(args);
  }

  /** A command line that only asks for a command's help. */
  static boolean asksForHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.startsWith("--help=")) {
        return true;
      }
    }
    return false;
  }

  /** The jar ReelBeam's classes were loaded from; empty for a classes folder. */
  public static Optional<Path> ownJar() {
    try {
      Path p = Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static int waitFor(Process child) {
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // keep waiting: the program decides when it has stopped
      }
    }
  }

  /** The launcher is stopping (SIGTERM, Ctrl-C): stop the program the same way and wait for it. */
  private static void stop(Process child) {
    if (child.isAlive()) {
      child.destroy();
      waitFor(child);
    }
  }
}
