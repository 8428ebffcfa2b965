package dev.reelbeam.transforms.embed;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.transforms.text.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sentence embeddings on the CPU: a Hugging Face tokenizer and an ONNX graph run by DJL's ONNX
 * Runtime engine, then pooling and L2 normalisation in plain Java. Thread-safe: one instance per
 * model and JVM ({@link #shared}) serves every worker thread, so a 90 MB model loads once.
 */
public final class Embedder implements AutoCloseable {

  static {
    // DJL otherwise probes a cloud metadata address on first use; it reads the env or this property.
    if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private static final Map<String, CompletableFuture<Embedder>> SHARED = new ConcurrentHashMap<>();

  private final EmbeddingModelSpec spec;
  private final int threads;
  private final Model model;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean needsTokenTypes;
  private final String modelSha256;
  private final int dimension;
  private final boolean batchSensitive;

  private Embedder(EmbeddingModelSpec spec, int threads) throws IOException {
    this.spec = spec;
    this.threads = threads;
    // The graph as a local file with its facts remembered (GraphCache): ONNX Runtime reads it
    // itself. Failing that, the bytes are read, hashed and handed over here.
    GraphCache.Graph local = GraphCache.local(spec, GraphCache.defaultDir());
    byte[] onnx = null;
    if (local == null) {
      MessageDigest sha = Sha256.digest();
      try (InputStream raw = spec.openOnnx();
          DigestInputStream in = new DigestInputStream(raw, sha)) {
        onnx = readWhole(in, spec.onnxSize());
      }
      this.modelSha256 = HexFormat.of().formatHex(sha.digest());
      this.batchSensitive = GraphCache.quantized(onnx, onnx.length);
    } else {
      this.modelSha256 = local.sha256();
      this.batchSensitive = local.batchSensitive();
    }
    // The sink records the same hash: not read and hashed a second time (90 MB).
    spec.rememberSha256(modelSha256);
    this.tokenizer = newTokenizer(spec);
    this.model = Model.newInstance(spec.name(), Device.cpu(), "OnnxRuntime");
    // The session is made here, from the file or the bytes just read, and handed to DJL as the
    // model's block (what DJL's own load does): DJL's load(InputStream) first copies the whole
    // graph through a growing buffer, about four times its size in garbage (some 350 MB for the
    // default model), which a film job's serial collector then copies and collects in full
    // collections while the pass's last steps run.
    OrtSession.SessionOptions options;
    try {
      options = ortSessionOptions(threads);
    } catch (OrtException e) {
      model.close();
      tokenizer.close();
      throw new IOException("ONNX Runtime session options: " + e.getMessage(), e);
    }
    try (options) {
      OrtSession session = local != null
          ? OrtEnvironment.getEnvironment().createSession(local.file().toString(), options)
          : OrtEnvironment.getEnvironment().createSession(onnx, options);
      model.setBlock(new OrtSymbolBlock(session, (OrtNDManager) model.getNDManager()));
    } catch (OrtException | RuntimeException e) {
      model.close();
      tokenizer.close();
      throw new IOException("the ONNX model " + spec.onnx() + " cannot be loaded: " + e.getMessage(), e);
    }
    Set<String> inputs = new java.util.HashSet<>(model.getBlock().describeInput().keys());
    if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
      close();
      throw new IOException(
          "the ONNX model " + spec.onnx() + " has inputs " + inputs
              + "; a BERT-style encoder needs input_ids and attention_mask");
    }
    this.needsTokenTypes = inputs.contains("token_type_ids");
    this.dimension = embed(List.of("dimension probe")).get(0).length;
  }

  /**
   * {@code spec}'s tokenizer, without truncation or padding: the chunker needs true token counts,
   * and batches are padded to their own longest sequence.
   */
  private static HuggingFaceTokenizer newTokenizer(EmbeddingModelSpec spec) throws IOException {
    try (InputStream in = spec.openTokenizer()) {
      return HuggingFaceTokenizer.newInstance(
          in,
          Map.of(
              "addSpecialTokens", "true",
              "truncation", "false",
              "padding", "false",
              "modelMaxLength", "1000000"));
    }
  }

  private static final Map<String, HuggingFaceTokenizer> COUNTERS = new ConcurrentHashMap<>();

  /**
   * Counts tokens as {@link #countTokens} does, with a JVM-wide tokenizer of {@code spec}'s own
   * (about 0.2 s to load), for the chunker: chunking then never waits for the ONNX session and
   * the model's 90 MB to load (3-5 s of one core, which run meanwhile on another thread or, on a
   * runner that embeds elsewhere, not at all), and a changed document whose chunks all keep their
   * stored vectors loads no model. The same tokenizer file and options: the same counts.
   */
  public static TokenCounter sharedTokenCounter(EmbeddingModelSpec spec)
      throws IOException {
    String key = spec.toString();
    HuggingFaceTokenizer t = COUNTERS.get(key);
    if (t == null) {
      synchronized (COUNTERS) {
        t = COUNTERS.get(key);
        if (t == null) {
          t = newTokenizer(spec);
          COUNTERS.put(key, t);
        }
      }
    }
    HuggingFaceTokenizer counter = t;
    return text -> counter.encode(text).getIds().length;
  }

  /**
   * ONNX Runtime session options of the embedder's session (and the benchmark's bare one).
   *
   * <p>The intra-op threads do not spin: by default each of ONNX Runtime's pool threads busy-waits
   * after every parallel section for the next one, taking a core from threads with work to do
   * (tokenising, pooling, the runner's other workers, other processes); and when a partition of a
   * parallel loop is preempted, the others wait for it at full speed. Paired batch by batch on a
   * loaded 2-core machine, the parked session embedded 1.26 x as many chunks per CPU-second as a
   * spinning one, and 2.8 x as many per second (retrieval.md, "Throughput").
   */
  public static OrtSession.SessionOptions ortSessionOptions(int threads) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(threads);
    o.setInterOpNumThreads(1);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    o.addConfigEntry("session.intra_op.allow_spinning", "0");
    o.addConfigEntry("session.inter_op.allow_spinning", "0");
    return o;
  }

  /** Loads {@code spec} for use by the caller alone ({@link #close} frees it). */
  public static Embedder load(EmbeddingModelSpec spec, int threads) throws IOException {
    return new Embedder(spec, effectiveThreads(threads));
  }

  /**
   * The JVM-wide instance for {@code spec} and {@code threads} (0: all cores), loaded on first use
   * (or by {@link #preload}) and never closed: Beam workers reuse it across bundles and DoFn
   * instances.
   */
  public static Embedder shared(EmbeddingModelSpec spec, int threads) throws IOException {
    String key = key(spec, threads);
    CompletableFuture<Embedder> mine = new CompletableFuture<>();
    CompletableFuture<Embedder> f = SHARED.putIfAbsent(key, mine);
    if (f == null) {
      return load(key, spec, threads, mine);
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      // Another thread's load failed (and gave up its slot): load here, and report the error here.
      SHARED.remove(key, f);
      return shared(spec, threads);
    }
  }

  /**
   * Starts loading the {@linkplain #shared shared} instance on a thread of its own, for a caller
   * that knows it will embed in this JVM: the load (the ONNX bytes read and hashed, the session,
   * the tokenizer: 3-5 s of one core; and the chunker's {@linkplain #sharedTokenCounter token
   * counter} before it) then runs while the runner starts and reads the documents, and the first
   * {@link #shared} call waits for what is left of it. A load that fails is retried
   * by that call, which reports the error.
   */
  public static void preload(EmbeddingModelSpec spec, int threads) {
    String key = key(spec, threads);
    CompletableFuture<Embedder> mine = new CompletableFuture<>();
    if (SHARED.putIfAbsent(key, mine) != null) {
      return;
    }
    Thread t = new Thread(() -> {
      // The chunker's tokenizer first: chunking comes before embedding and waits for it.
      try {
        sharedTokenCounter(spec);
      } catch (IOException | RuntimeException e) {
        // the chunker loads it again and reports the error where it is needed
      }
      try {
        load(key, spec, threads, mine);
      } catch (IOException | RuntimeException e) {
        // shared() loads it again and reports the error where it is needed.
      }
    }, "reelbeam-model-load");
    t.setDaemon(true);
    t.start();
  }

  /** Whether the {@linkplain #shared shared} instance for {@code spec} and {@code threads} is loaded or loading. */
  public static boolean loadStarted(EmbeddingModelSpec spec, int threads) {
    return SHARED.containsKey(key(spec, threads));
  }

  private static String key(EmbeddingModelSpec spec, int threads) {
    return spec + "#" + effectiveThreads(threads);
  }

  private static Embedder load(String key, EmbeddingModelSpec spec, int threads,
      CompletableFuture<Embedder> slot) throws IOException {
    try {
      Embedder e = new Embedder(spec, effectiveThreads(threads));
      slot.complete(e);
      return e;
    } catch (IOException | RuntimeException | Error e) {
      SHARED.remove(key, slot);
      slot.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Waits up to {@code millis} in all for the shared loads still running (their outcome does not
   * matter here). A process must call it before it exits: ONNX Runtime closes its environment in a
   * shutdown hook of its own, and a session being created on another thread meanwhile crashes the
   * JVM (SIGSEGV in its native code, exit status 134 instead of the job's): a {@code run} that fails
   * early (a full disk) while the model loads ahead ({@link #preload}) must still end with its own
   * status and message. Shutdown hooks run concurrently, so one of ours could not wait first.
   */
  public static void awaitLoads(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (CompletableFuture<Embedder> f : SHARED.values()) {
      long left = deadline - System.nanoTime();
      if (f.isDone() || left <= 0) {
        continue;
      }
      try {
        f.get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException | CancellationException e) {
        // failed or too slow: the exit goes on (the job's own status stands)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static int effectiveThreads(int threads) {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  public EmbeddingModelSpec spec() {
    return spec;
  }

  /** Vector length. */
  public int dimension() {
    return dimension;
  }

  /** SHA-256 of the ONNX graph: two indexes with the same value embed alike. */
  public String modelSha256() {
    return modelSha256;
  }

  /** ONNX Runtime intra-op threads. */
  public int threads() {
    return threads;
  }

  /** The longest input in tokens, special tokens included. */
  public int maxTokens() {
    return spec.maxTokens();
  }

  /** Tokens {@code text} takes, special tokens included, before truncation. */
  public int countTokens(String text) {
    return tokenizer.encode(text).getIds().length;
  }

  /** The tokenizer, for callers (the benchmark) that run the same inputs another way. */
  public HuggingFaceTokenizer tokenizer() {
    return tokenizer;
  }

  /** Embeds a query: the model's query instruction, if any, goes first. */
  public float[] embedQuery(String query) {
    return embed(List.of(spec.queryPrefix() + query)).get(0);
  }

  /**
   * Whether a sequence's vector depends on the other sequences in its batch. Dynamically quantized
   * graphs ({@code DynamicQuantizeLinear}) pick one int8 scale per input tensor, so padding and
   * neighbours move every vector (cosine ~0.99 to the same text alone). Such models run one
   * sequence per call: a chunk's vector is then the same in any batch, on any runner and in any
   * rerun, which incremental indexing relies on.
   */
  public boolean batchSensitive() {
    return batchSensitive;
  }

  /**
   * Embeds {@code texts} (one ONNX Runtime call per batch, padded to the longest; per text for a
   * {@linkplain #batchSensitive batch-sensitive} model); one vector per text, in order.
   */
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    if (batchSensitive && texts.size() > 1) {
      List<float[]> out = new ArrayList<>(texts.size());
      for (String t : texts) {
        out.add(run(List.of(t)).get(0));
      }
      return out;
    }
    return run(texts);
  }

  private List<float[]> run(List<String> texts) {
    // One inference at a time per model and JVM: each already uses every core (intra-op
    // threads), and callers on several worker threads would only fight over them.
    synchronized (inference) {
      return runAlone(texts);
    }
  }

  private final Object inference = new Object();

  private List<float[]> runAlone(List<String> texts) {
    Batch batch = Batch.of(tokenizer.batchEncode(texts), spec.maxTokens());
    float[] hidden;
    int dim;
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDList in = new NDList();
      Shape shape = new Shape(batch.size, batch.length);
      in.add(named(manager.create(batch.ids, shape), "input_ids"));
      in.add(named(manager.create(batch.mask, shape), "attention_mask"));
      if (needsTokenTypes) {
        in.add(named(manager.create(batch.types, shape), "token_type_ids"));
      }
      NDList out = model.getBlock().forward(new ParameterStore(manager, false), in, false);
      NDArray last = out.get("last_hidden_state");
      if (last == null) {
        last = out.head();
      }
      long[] s = last.getShape().getShape();
      if (s.length != 3 || s[0] != batch.size || s[1] != batch.length) {
        throw new IllegalStateException(
            "model output " + last.getShape() + " is not [batch, tokens, dim] for batch "
                + batch.size + "x" + batch.length);
      }
      dim = (int) s[2];
      hidden = last.toFloatArray();
    }
    return batch.pool(hidden, dim, spec.pooling(), spec.normalize());
  }

  private static NDArray named(NDArray a, String name) {
    a.setName(name);
    return a;
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }

  /**
   * All of {@code in}, read straight into one array when its length is known ({@code size} at
   * least 0): {@code readAllBytes} gathers a stream of unknown length in small buffers and then
   * copies them, twice the graph's size in allocations.
   */
  static byte[] readWhole(InputStream in, long size) throws IOException {
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      return in.readAllBytes();
    }
    byte[] whole = new byte[(int) size];
    int n = in.readNBytes(whole, 0, whole.length);
    if (n < whole.length) {
      return Arrays.copyOf(whole, n); // shorter than said: what there is
    }
    byte[] rest = in.readAllBytes(); // longer than said: the rest too
    if (rest.length == 0) {
      return whole;
    }
    byte[] all = Arrays.copyOf(whole, whole.length + rest.length);
    System.arraycopy(rest, 0, all, whole.length, rest.length);
    return all;
  }

  /**
   * Token ids of a batch, truncated to the model's limit the way Hugging Face truncates (first
   * tokens kept, the closing special token put back) and right-padded with zeros to the longest.
   */
  public static final class Batch {
    public final int size;
    public final int length;
    public final long[] ids;
    public final long[] mask;
    public final long[] types;
    private final List<long[]> masks = new ArrayList<>();

    private Batch(int size, int length) {
      this.size = size;
      this.length = length;
      this.ids = new long[size * length];
      this.mask = new long[size * length];
      this.types = new long[size * length];
    }

    public static Batch of(Encoding[] encodings, int maxTokens) {
      int longest = 1;
      for (Encoding e : encodings) {
        longest = Math.max(longest, Math.min(e.getIds().length, maxTokens));
      }
      Batch b = new Batch(encodings.length, longest);
      for (int i = 0; i < encodings.length; i++) {
        long[] id = encodings[i].getIds();
        long[] ty = encodings[i].getTypeIds();
        int n = Math.min(id.length, maxTokens);
        int base = i * longest;
        System.arraycopy(id, 0, b.ids, base, n);
        System.arraycopy(ty, 0, b.types, base, n);
        if (n < id.length) {
          b.ids[base + n - 1] = id[id.length - 1];
        }
        long[] m = new long[longest];
        for (int t = 0; t < n; t++) {
          b.mask[base + t] = 1;
          m[t] = 1;
        }
        b.masks.add(m);
      }
      return b;
    }

    /** Pools {@code hidden} ({@code [size, length, dim]} flattened) into one vector per row. */
    public List<float[]> pool(float[] hidden, int dim, Pooling pooling, boolean normalize) {
      List<float[]> vectors = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        float[] v = new float[dim];
        pooling.pool(hidden, i * length * dim, masks.get(i), length, dim, v);
        if (normalize) {
          Pooling.l2Normalize(v);
        }
        vectors.add(v);
      }
      return vectors;
    }
  }
}
