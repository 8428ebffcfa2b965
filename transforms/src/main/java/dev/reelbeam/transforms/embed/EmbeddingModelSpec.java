package dev.reelbeam.transforms.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelbeam.io.files.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which embedding model to run and how to pool it: one of the models shipped as Maven Central jar
 * resources, or a directory holding a sentence-transformers ONNX export.
 *
 * @param name the name recorded in the index ({@code all-minilm-l6-v2}, or the directory path)
 * @param onnx where the ONNX graph is: {@code classpath:<resource>} or a file path
 * @param tokenizer where {@code tokenizer.json} is: {@code classpath:<resource>} or a file path
 * @param pooling how token vectors become one vector
 * @param normalize whether vectors are scaled to unit length
 * @param maxTokens the longest input the model was trained on (special tokens included)
 * @param queryPrefix text put before a query (not before documents), as the model card asks
 */
public record EmbeddingModelSpec(
    String name,
    String onnx,
    String tokenizer,
    Pooling pooling,
    boolean normalize,
    int maxTokens,
    String queryPrefix)
    implements Serializable {

  /** The default: sentence-transformers/all-MiniLM-L6-v2, full precision. */
  public static final String DEFAULT = "all-minilm-l6-v2";

  /** Names accepted besides a directory. */
  public static final List<String> BUILT_IN =
      List.of("all-minilm-l6-v2", "all-minilm-l6-v2-q", "bge-small-en-v15");

  private static final String CLASSPATH = "classpath:";

  public EmbeddingModelSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model name must not be empty");
    }
    if (maxTokens < 8) {
      throw new IllegalArgumentException("maxTokens must be at least 8, got " + maxTokens);
    }
    if (queryPrefix == null) {
      queryPrefix = "";
    }
  }

  /**
   * Resolves {@code --embeddingModel}: a built-in name, or a directory with {@code model.onnx}
   * (or {@code onnx/model.onnx}) and {@code tokenizer.json}, whose pooling is read from
   * sentence-transformers' {@code 1_Pooling/config.json} and {@code modules.json} when present
   * (else mean pooling and unit length, as sentence-transformers does for most models).
   */
  public static EmbeddingModelSpec resolve(String nameOrDir) {
    String key = nameOrDir == null || nameOrDir.isBlank() ? DEFAULT : nameOrDir.trim();
    switch (key.toLowerCase(Locale.ROOT)) {
      case "all-minilm-l6-v2":
        // sentence-transformers truncates MiniLM at 256 word pieces (max_seq_length).
        return new EmbeddingModelSpec(
            "all-minilm-l6-v2",
            CLASSPATH + "all-minilm-l6-v2.onnx",
            CLASSPATH + "all-minilm-l6-v2-tokenizer.json",
            Pooling.MEAN, true, 256, "");
      case "all-minilm-l6-v2-q":
        return new EmbeddingModelSpec(
            "all-minilm-l6-v2-q",
            CLASSPATH + "all-minilm-l6-v2-q.onnx",
            CLASSPATH + "all-minilm-l6-v2-q-tokenizer.json",
            Pooling.MEAN, true, 256, "");
      case "bge-small-en-v15":
      case "bge-small-en-v1.5":
        // BAAI's card: CLS pooling, normalised, 512 tokens, and an instruction before short queries.
        return new EmbeddingModelSpec(
            "bge-small-en-v15",
            CLASSPATH + "bge-small-en-v1.5.onnx",
            CLASSPATH + "bge-small-en-v1.5-tokenizer.json",
            Pooling.CLS, true, 512,
            "Represent this sentence for searching relevant passages: ");
      default:
        return fromDirectory(Path.of(key));
    }
  }

  private static EmbeddingModelSpec fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "--embeddingModel=" + dir + " is neither one of " + BUILT_IN + " nor a directory");
    }
    Path onnx = dir.resolve("model.onnx");
    if (!Files.isRegularFile(onnx)) {
      onnx = dir.resolve("onnx").resolve("model.onnx");
    }
    Path tok = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(onnx) || !Files.isRegularFile(tok)) {
      throw new IllegalArgumentException(
          "model directory " + dir + " needs model.onnx (or onnx/model.onnx) and tokenizer.json");
    }
    ObjectMapper json = new ObjectMapper();
    Pooling pooling = Pooling.MEAN;
    boolean normalize = true;
    int maxTokens = 512;
    String queryPrefix = "";
    try {
      Path poolingConfig = dir.resolve("1_Pooling").resolve("config.json");
      if (Files.isRegularFile(poolingConfig)) {
        JsonNode p = json.readTree(poolingConfig.toFile());
        if (p.path("pooling_mode_cls_token").asBoolean(false)) {
          pooling = Pooling.CLS;
        } else if (p.path("pooling_mode_max_tokens").asBoolean(false)) {
          pooling = Pooling.MAX;
        } else if (p.has("pooling_mode_mean_tokens") && !p.path("pooling_mode_mean_tokens").asBoolean()) {
          throw new IllegalArgumentException(
              poolingConfig + " asks for a pooling ReelBeam does not support (only mean, cls, max)");
        }
      }
      Path modules = dir.resolve("modules.json");
      if (Files.isRegularFile(modules)) {
        normalize = false;
        for (JsonNode m : json.readTree(modules.toFile())) {
          if (m.path("type").asText("").endsWith("Normalize")) {
            normalize = true;
          }
        }
      }
      Path st = dir.resolve("sentence_bert_config.json");
      if (Files.isRegularFile(st)) {
        maxTokens = json.readTree(st.toFile()).path("max_seq_length").asInt(maxTokens);
      }
      Path prompts = dir.resolve("config_sentence_transformers.json");
      if (Files.isRegularFile(prompts)) {
        queryPrefix = json.readTree(prompts.toFile()).path("prompts").path("query").asText("");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model configuration in " + dir, e);
    }
    return new EmbeddingModelSpec(
        dir.toAbsolutePath().normalize().toString(),
        onnx.toAbsolutePath().toString(),
        tok.toAbsolutePath().toString(),
        pooling, normalize, maxTokens, queryPrefix);
  }

  private static final java.util.Map<String, String> SHA256 =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * SHA-256 of the ONNX graph's bytes (cached per JVM, and across runs by {@link GraphCache}): two
   * indexes whose models have the same value hold interchangeable vectors.
   */
  public String onnxSha256() throws IOException {
    String cached = SHA256.get(onnx);
    if (cached != null) {
      return cached;
    }
    // Remembered across runs by the graph's CRC-32 and length (GraphCache): a rerun whose chunks
    // all keep their vectors then neither inflates nor hashes the 86 MB to check the model.
    GraphCache.Graph local = GraphCache.local(this, GraphCache.defaultDir());
    if (local != null) {
      SHA256.put(onnx, local.sha256());
      return local.sha256();
    }
    String hex;
    try (InputStream in = openOnnx()) {
      hex = Sha256.of(in);
    }
    SHA256.put(onnx, hex);
    return hex;
  }

  /** Records the hash of the graph's bytes a caller has just read whole (the embedder, loading it). */
  void rememberSha256(String hex) {
    SHA256.putIfAbsent(onnx, hex);
  }

  /** Opens the ONNX graph. */
  public InputStream openOnnx() throws IOException {
    return open(onnx);
  }

  /**
   * The ONNX graph's length in bytes, or -1 when it cannot be told without reading it (so that a
   * reader can take it in one array of the right size).
   */
  public long onnxSize() {
    try {
      if (onnx.startsWith(CLASSPATH)) {
        String resource = onnx.substring(CLASSPATH.length());
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        java.net.URL url = cl == null ? null : cl.getResource(resource);
        if (url == null) {
          url = EmbeddingModelSpec.class.getClassLoader().getResource(resource);
        }
        return url == null ? -1 : url.openConnection().getContentLengthLong();
      }
      return Files.size(Path.of(onnx));
    } catch (IOException | RuntimeException e) {
      return -1; // the read that follows reports what is wrong
    }
  }

  /** Opens {@code tokenizer.json}. */
  public InputStream openTokenizer() throws IOException {
    return open(tokenizer);
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith(CLASSPATH)) {
      String resource = location.substring(CLASSPATH.length());
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      InputStream in = cl == null ? null : cl.getResourceAsStream(resource);
      if (in == null) {
        in = EmbeddingModelSpec.class.getClassLoader().getResourceAsStream(resource);
      }
      if (in == null) {
        throw new FileNotFoundException(
            "model resource " + resource + " is not on the classpath (is the dev.langchain4j"
                + " embeddings jar a dependency?)");
      }
      return in;
    }
    return Files.newInputStream(Path.of(location));
  }
}
