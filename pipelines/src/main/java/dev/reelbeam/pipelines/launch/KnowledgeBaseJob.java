package dev.reelbeam.pipelines.launch;

import java.util.List;

/**
 * The JIT and collector of {@code stage3}, the knowledge base on its own. Its work is the
 * embedding, in ONNX Runtime's native code (and the tokenizer's, also native); the Java around it
 * (the runner, the coders, chunking, Lucene's graph of a few thousand vectors) is a small share, so
 * C2's faster code pays for little while compiling the runner's code costs the CPU ONNX Runtime's
 * second intra-op thread needs: a cold first run on 767 chunks took 35.9 s of CPU with C1 alone and
 * the serial collector against 54.4 s with HotSpot's defaults, 11.3 s of them in C2's threads
 * (retrieval.md, "tenth session"). C1 alone and the serial collector, as for films
 * ({@link FilmJob}); the user's own JIT or collector flags win.
 */
final class KnowledgeBaseJob {

  private KnowledgeBaseJob() {}

  /** C1 alone and the serial collector for {@code stage3}; none for any other command. */
  static List<String> flags(String[] args, List<String> jvmArgs) {
    if (args.length == 0 || !"stage3".equals(args[0]) || Launcher.asksForHelp(args)) {
      return List.of();
    }
    return ShortJob.unlessChosen(ShortJob.JIT, ShortJob.GC, jvmArgs);
  }
}
