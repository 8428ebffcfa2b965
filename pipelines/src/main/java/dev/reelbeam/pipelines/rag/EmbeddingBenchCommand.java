package dev.reelbeam.pipelines.rag;

import dev.reelbeam.pipelines.CommandLine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.reelbeam.io.docs.BadDocumentException;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.DocumentFormat;
import dev.reelbeam.io.docs.DocumentReader;
import dev.reelbeam.pipelines.Command;
import dev.reelbeam.pipelines.launch.Launcher;
import dev.reelbeam.pipelines.launch.ProcessFigures;
import dev.reelbeam.transforms.DocsToEmbeddings;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import dev.reelbeam.transforms.text.Chunk;
import dev.reelbeam.transforms.text.Chunker;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;

/**
 * {@code bench-embeddings}: chunks embedded per second by ReelBeam's embedder (DJL's ONNX Runtime
 * engine, as the pipeline runs it) against a bare ONNX Runtime session ({@code OrtSession}
 * directly) on the same model, chunks, batches and threads, in one process, batch by batch
 * interleaved;
 * then the whole first-run stage (a cold {@code stage3} process started as a user starts it, into a
 * fresh directory; in this JVM when there is no jar to start) against the bare session embedding all
 * the same chunks, with the model's load timed on its own.
 *
 * <pre>
 * bench-embeddings --docs=DIR [--embeddingModel=all-minilm-l6-v2] [--batch=32] [--threads=0]
 *                  [--chunks=256] [--rounds=3] [--inProcess=true]   (the stage in this JVM, not a cold stage3)
 * bench-embeddings --documents=1398 [--shared=../shared] [--workDir=DIR] ...   (bench-stage3's collection)
 * </pre>
 */
public final class EmbeddingBenchCommand implements Command {
  private final PrintStream out;

  public EmbeddingBenchCommand() {
    this(System.out);
  }

  public EmbeddingBenchCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "bench-embeddings";
  }

  @Override
  public String summary() {
    return "Embedding throughput: the pipeline's embedder vs a bare ONNX Runtime session";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandLine.wantsHelp(args)) {
      CommandLine.printUsage(out, name(), summary());
      return OK;
    }
    if (System.getenv("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    Map<String, String> flags = flags(name(), args);
    if (flags == null) {
      return CANNOT_START;
    }
    String docs = flags.get("docs");
    if (docs == null && flags.containsKey("documents")) {
      // The collection bench-stage3 times (1,398 documents, 4,447 chunks by default), generated.
      Path shared = Path.of(flags.getOrDefault("shared", "../shared")).toAbsolutePath().normalize();
      Path dir = Path.of(flags.getOrDefault("workDir", "target/bench-embeddings")).toAbsolutePath()
          .resolve("docs");
      BenchCollection.write(shared, dir, Integer.parseInt(flags.get("documents")));
      docs = dir.toString();
    }
    if (docs == null || !Files.isDirectory(Path.of(docs))) {
      System.err.println("bench-embeddings: --docs=DIR must name a directory of documents"
          + " (or --documents=N [--shared=../shared] [--workDir=DIR] to generate bench-stage3's collection)");
      return CANNOT_START;
    }
    EmbeddingModelSpec spec = EmbeddingModelSpec.resolve(flags.getOrDefault("embeddingModel", EmbeddingModelSpec.DEFAULT));
    int batch = Integer.parseInt(flags.getOrDefault("batch", "32"));
    int threads = Integer.parseInt(flags.getOrDefault("threads", "0"));
    if (threads <= 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    int target = Integer.parseInt(flags.getOrDefault("chunks", "256"));
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "3"));

    // The model's load (ONNX bytes read and hashed, the session built, the tokenizer), timed on
    // its own: every stage3 process pays it once, and the bare session's figures below leave it out.
    long loadCpu0 = processCpuNanos();
    long load0 = System.nanoTime();
    Embedder embedder = Embedder.shared(spec, threads);
    double loadSeconds = (System.nanoTime() - load0) / 1e9;
    double loadCpu = (processCpuNanos() - loadCpu0) / 1e9;
    List<Document> documents = readAll(Path.of(docs));
    Chunker chunker = new Chunker(Chunker.DEFAULT_CHUNK_SIZE, Chunker.DEFAULT_OVERLAP,
        embedder.maxTokens(), embedder::countTokens);
    List<Chunk> chunks = new ArrayList<>();
    for (Document d : documents) {
      chunks.addAll(chunker.chunk(d));
    }
    if (chunks.isEmpty()) {
      System.err.println("bench-embeddings: no chunks in " + docs);
      return CANNOT_START;
    }
    List<Chunk> sample = new ArrayList<>(chunks.subList(0, Math.min(target, chunks.size())));
    // The pipeline sorts a bundle by length before batching; both contestants get that order.
    sample.sort(Comparator.comparingInt(Chunk::tokens).thenComparing(Chunk::chunkId));
    List<String> texts = sample.stream().map(Chunk::embeddingText).toList();
    int effectiveBatch = embedder.batchSensitive() ? 1 : batch;
    double meanTokens = sample.stream().mapToInt(Chunk::tokens).average().orElse(0);
    out.printf("model %s (%s), %d chunks (mean %.0f tokens), batch %d%s, %d intra-op threads, %d cores%n",
        spec.name(), embedder.batchSensitive() ? "dynamically quantized" : "float", texts.size(),
        meanTokens, batch, embedder.batchSensitive() ? " (runs 1 per call: batch-sensitive model)" : "",
        threads, Runtime.getRuntime().availableProcessors());

    try (BareSession bare = new BareSession(spec, embedder, threads)) {
      // Warm-up: first runs allocate arenas and pick kernels.
      embed(embedder, texts.subList(0, Math.min(16, texts.size())), batch);
      bare.embed(texts.subList(0, Math.min(16, texts.size())), effectiveBatch);
      // Interleaved batch by batch (the order flipping each time), so that load from other
      // processes on a shared machine falls on both contestants alike.
      double[] ours = new double[rounds];
      double[] theirs = new double[rounds];
      double[] ratio = new double[rounds];
      double[] cpuRatio = new double[rounds];
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      float[][] a = new float[texts.size()][];
      float[][] b = new float[texts.size()][];
      for (int r = 0; r < rounds; r++) {
        long oursNanos = 0;
        long theirsNanos = 0;
        long oursCpu = 0;
        long theirsCpu = 0;
        for (int i = 0, n = 0; i < texts.size(); i += batch, n++) {
          List<String> part = texts.subList(i, Math.min(texts.size(), i + batch));
          for (int turn = 0; turn < 2; turn++) {
            boolean oursNow = (turn == 0) == (n % 2 == 0);
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            float[][] v = oursNow ? embed(embedder, part, batch) : bare.embed(part, effectiveBatch);
            long dt = System.nanoTime() - t0;
            long dc = os.getProcessCpuTime() - c0;
            System.arraycopy(v, 0, oursNow ? a : b, i, v.length);
            if (oursNow) {
              oursNanos += dt;
              oursCpu += dc;
            } else {
              theirsNanos += dt;
              theirsCpu += dc;
            }
          }
        }
        ours[r] = texts.size() / (oursNanos / 1e9);
        theirs[r] = texts.size() / (theirsNanos / 1e9);
        ratio[r] = ours[r] / theirs[r];
        cpuRatio[r] = (double) theirsCpu / oursCpu;
        out.printf("round %d: ReelBeam embedder %.1f chunks/s, bare OrtSession %.1f chunks/s"
            + " (ratio %.3f; per CPU-second %.1f vs %.1f, ratio %.3f)%n", r + 1, ours[r], theirs[r],
            ratio[r], texts.size() / (oursCpu / 1e9), texts.size() / (theirsCpu / 1e9), cpuRatio[r]);
      }
      double minCos = 1;
      for (int i = 0; i < a.length; i++) {
        minCos = Math.min(minCos, cosine(a[i], b[i]));
      }
      out.printf("median: ReelBeam embedder %.1f chunks/s, bare OrtSession %.1f chunks/s;"
          + " median paired ratio %.3f wall-clock, %.3f CPU time (same vectors: min cosine %.6f)%n",
          median(ours), median(theirs), median(ratio), median(cpuRatio), minCos);
    }

    // The whole first-run stage (read, chunk, embed, write the index) against a bare session
    // embedding the same chunks, in the same length order, batch and threads.
    List<Chunk> all = new ArrayList<>(chunks);
    all.sort(Comparator.comparingInt(Chunk::tokens).thenComparing(Chunk::chunkId));
    List<String> allTexts = all.stream().map(Chunk::embeddingText).toList();
    // Two bare sessions: ONNX Runtime's defaults (its intra-op threads spin between parallel
    // sections), and the session options ReelBeam's embedder uses (no spinning). The stage is held
    // to the cheaper of the two, per measure.
    double[] bareDefault = bareRun(spec, embedder, threads, false, allTexts, effectiveBatch);
    double[] bareParked = bareRun(spec, embedder, threads, true, allTexts, effectiveBatch);
    double bareSeconds = Math.min(bareDefault[0], bareParked[0]);
    double bareCpu = Math.min(bareDefault[1], bareParked[1]);
    Path stageOut = Files.createTempDirectory("reelbeam-bench-stage3-");
    List<String> stage3 = List.of("--docs=" + docs, "--output=" + stageOut,
        "--embeddingModel=" + flags.getOrDefault("embeddingModel", EmbeddingModelSpec.DEFAULT),
        "--embedBatchSize=" + batch, "--indexScenes=false");
    out.printf("model load (read, hash, session, tokenizer), once per process: %.1f s wall, %.1f s CPU%n",
        loadSeconds, loadCpu);
    out.printf("bare OrtSession, all %d chunks, ONNX Runtime's default options: %.1f s wall, %.1f s CPU"
        + " (%.1f chunks/s; model loaded, tokenising included)%n", all.size(), bareDefault[0], bareDefault[1],
        all.size() / bareDefault[0]);
    out.printf("bare OrtSession, all %d chunks, ReelBeam's options (no spinning): %.1f s wall, %.1f s CPU"
        + " (%.1f chunks/s; model loaded, tokenising included)%n", all.size(), bareParked[0], bareParked[1],
        all.size() / bareParked[0]);
    if (threads != Runtime.getRuntime().availableProcessors()) {
      out.printf("note: stage3 runs ONNX Runtime on all %d cores, the bare sessions on %d threads%n",
          Runtime.getRuntime().availableProcessors(), threads);
    }
    Optional<Path> jar = Launcher.ownJar();
    if (jar.isPresent() && !"true".equals(flags.get("inProcess"))) {
      // The first run as a user makes it: a cold `java -jar reelbeam.jar stage3` process, through
      // the launcher (its JIT and collector flags, its class data archive), nothing warmed by the
      // bare sessions above. Its whole cost, JVM start and model load included, against the bare
      // session's embedding alone; the model load's share is the line above.
      Cold stage = cold(jar.get(), stage3, stageOut.resolveSibling(stageOut.getFileName() + ".log"));
      out.printf("whole first-run stage3, a cold `java -jar %s stage3` process (start, model load, read,"
          + " chunk, embed, write the index): %.1f s wall, %.1f s CPU (of which the pipeline %s) = %.2f x the"
          + " faster bare session's wall clock, %.2f x the cheaper one's CPU time; without the model load"
          + " %.2f x CPU (target 1.3; on a busy machine read the CPU ratio)%n", jar.get().getFileName(),
          stage.wall, stage.cpu, stage.pipeline, stage.wall / bareSeconds, stage.cpu / bareCpu,
          (stage.cpu - loadCpu) / bareCpu);
    } else {
      // Classes from a folder (tests, an IDE): no launcher to start; the stage in this JVM.
      RagOptions options = PipelineOptionsFactory.fromArgs(stage3.toArray(String[]::new)).as(RagOptions.class);
      Stage3Command.applyWorkers(options); // as stage3 runs it
      Pipeline p = Pipeline.create(options);
      RagStage.addTo(p, options);
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      p.run().waitUntilFinish();
      double stageSeconds = (System.nanoTime() - t0) / 1e9;
      double stageCpu = (processCpuNanos() - c0) / 1e9;
      out.printf("whole first-run stage3 in this JVM (read, chunk, embed, write the index; Direct runner,"
          + " model loaded, this JVM's flags): %.1f s wall, %.1f s CPU = %.2f x the faster bare session's"
          + " wall clock, %.2f x the cheaper one's CPU time (target 1.3; on a busy machine read the CPU"
          + " ratio)%n", stageSeconds, stageCpu, stageSeconds / bareSeconds, stageCpu / bareCpu);
    }
    deleteTree(stageOut);
    return OK;
  }

  /** A cold process's wall seconds, CPU seconds (launcher and program) and its own pipeline figure. */
  private record Cold(double wall, double cpu, String pipeline) {}

  /**
   * {@code java -jar jar stage3 args}: CPU time as the launcher and the program report it at
   * their exit ({@link ProcessFigures}), since a parent cannot read a reaped child's.
   */
  private static Cold cold(Path jar, List<String> args, Path log) throws Exception {
    Path figures = log.resolveSibling(log.getFileName() + ".figures");
    Files.deleteIfExists(figures);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "stage3"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(ProcessFigures.ENV, figures.toString());
    long t0 = System.nanoTime();
    int status = pb.start().waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    String said = Files.readString(log);
    if (status != 0) {
      throw new IllegalStateException("stage3 failed (exit " + status + "):\n" + said);
    }
    double cpu = 0;
    for (String line : Files.readAllLines(figures)) {
      String[] f = line.trim().split("\\s+"); // role pid user sys peak_rss_kb
      cpu += Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Knowledge base: .* in ([0-9.]+ s)$").matcher(said);
    Files.delete(figures);
    Files.delete(log);
    return new Cold(wall, cpu, m.find() ? m.group(1) + " wall" : "not printed");
  }

  /** One bare session embedding {@code texts} after a warm-up: {wall seconds, CPU seconds}. */
  private static double[] bareRun(EmbeddingModelSpec spec, Embedder embedder, int threads,
      boolean reelBeamOptions, List<String> texts, int batch) throws Exception {
    try (BareSession bare = new BareSession(spec, embedder, threads, reelBeamOptions)) {
      bare.embed(texts.subList(0, Math.min(16, texts.size())), batch);
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      bare.embed(texts, batch);
      return new double[] {(System.nanoTime() - t0) / 1e9, (processCpuNanos() - c0) / 1e9};
    }
  }

  /** The benchmarks' {@code --flag=value} arguments, or null (after saying why) when one is not. */
  static Map<String, String> flags(String command, String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        System.err.println(command + ": expected --flag=value, got " + a);
        return null;
      }
      flags.put(a.substring(2, eq), a.substring(eq + 1));
    }
    return flags;
  }

  static float[][] embed(Embedder e, List<String> texts, int batch) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i += batch) {
      List<float[]> v = e.embed(texts.subList(i, Math.min(texts.size(), i + batch)));
      for (int j = 0; j < v.size(); j++) {
        out[i + j] = v.get(j);
      }
    }
    return out;
  }

  private static List<Document> readAll(Path root) throws Exception {
    List<Document> docs = new ArrayList<>();
    DocumentReader reader = new DocumentReader();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.sorted().toList()) {
        if (!Files.isRegularFile(f) || DocumentFormat.of(f.toString()).isEmpty()) {
          continue;
        }
        try (InputStream in = Files.newInputStream(f)) {
          docs.add(reader.read(in, root.relativize(f).toString().replace('\\', '/'), Files.size(f)));
        } catch (BadDocumentException e) {
          // A benchmark reads what it can.
        }
      }
    }
    return docs;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  /**
   * The baseline: ONNX Runtime's Java API with nothing in between, fed the same token ids (the
   * same tokenizer and padding) and pooled by the same code, so only the inference path differs.
   */
  static final class BareSession implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Embedder tokens;
    private final EmbeddingModelSpec spec;

    BareSession(EmbeddingModelSpec spec, Embedder tokens, int threads) throws Exception {
      this(spec, tokens, threads, false);
    }

    /**
     * @param reelBeamOptions the embedder's session options ({@link Embedder#ortSessionOptions});
     *     else ONNX Runtime's defaults with the same threads and optimisation level
     */
    BareSession(EmbeddingModelSpec spec, Embedder tokens, int threads, boolean reelBeamOptions)
        throws Exception {
      this.spec = spec;
      this.tokens = tokens;
      byte[] model;
      try (InputStream in = spec.openOnnx()) {
        model = in.readAllBytes();
      }
      try (OrtSession.SessionOptions o = reelBeamOptions
          ? Embedder.ortSessionOptions(threads) : new OrtSession.SessionOptions()) {
        if (!reelBeamOptions) {
          o.setIntraOpNumThreads(threads);
          o.setInterOpNumThreads(1);
          o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        }
        session = env.createSession(model, o);
      }
    }

    float[][] embed(List<String> texts, int batch) throws OrtException {
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < texts.size(); i += batch) {
        List<String> part = texts.subList(i, Math.min(texts.size(), i + batch));
        Encoding[] enc = tokens.tokenizer().batchEncode(part);
        Embedder.Batch b = Embedder.Batch.of(enc, spec.maxTokens());
        long[] shape = {b.size, b.length};
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids), shape);
            OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(b.mask), shape);
            OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(b.types), shape)) {
          in.put("input_ids", ids);
          in.put("attention_mask", mask);
          if (session.getInputNames().contains("token_type_ids")) {
            in.put("token_type_ids", types);
          }
          try (OrtSession.Result r = session.run(in)) {
            OnnxTensor last = (OnnxTensor) r.get("last_hidden_state").orElse(r.get(0));
            long[] s = last.getInfo().getShape();
            FloatBuffer fb = last.getFloatBuffer();
            float[] hidden = new float[fb.remaining()];
            fb.get(hidden);
            List<float[]> v = b.pool(hidden, (int) s[2], spec.pooling(), spec.normalize());
            for (int j = 0; j < v.size(); j++) {
              out[i + j] = v.get(j);
            }
          }
        }
      }
      return out;
    }

    @Override
    public void close() throws OrtException {
      session.close();
    }
  }
}
