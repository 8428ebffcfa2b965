package dev.reelbeam.pipelines.rag;

import dev.reelbeam.pipelines.CommandLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.lucene.KnowledgeBase;
import dev.reelbeam.io.lucene.KnowledgeBaseFields;
import dev.reelbeam.io.lucene.PublishedIndex;
import dev.reelbeam.io.lucene.SearchHit;
import dev.reelbeam.pipelines.HdfsInput;
import dev.reelbeam.pipelines.Command;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code query}: ranked chunks for a question from the knowledge base under {@code --output}.
 *
 * <pre>
 * query --output=DIR [--k=5] [--mode=hybrid|vector|bm25] [--format=text|json]
 *       [--filter=video:ID|type:document|scene|subtitle] "question"
 * query --output=DIR --queries=FILE      (one question a line; one JSON line each)
 * query --index=URI ...                  (the knowledge_base folder itself)
 * </pre>
 *
 * <p>{@code --output} or {@code --index} may be a Beam filesystem URI ({@code hdfs://...}): the
 * index published there is read from a local copy, made once per publication ({@link
 * PublishedIndex}).
 */
public final class QueryCommand implements Command {
  /** How many of each ranking hybrid mode fuses. */
  static final int FUSION_DEPTH = 50;

  private final PrintStream out;
  private final PrintStream err;

  public QueryCommand() {
    this(System.out, System.err);
  }

  public QueryCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public String name() {
    return "query";
  }

  @Override
  public String summary() {
    return "Ask the knowledge base: --output=DIR|URI (or --index=DIR|URI of its knowledge_base) [--k=5] [--mode=hybrid|vector|bm25] [--format=text|json]"
        + " [--filter=video:ID|type:document|scene|subtitle] \"question\"";
  }

  /** Retrieval modes. */
  public enum Mode { HYBRID, VECTOR, BM25 }

  @Override
  public int run(String[] args) throws Exception {
    if (CommandLine.wantsHelp(args)) {
      CommandLine.printUsage(out, name(), summary());
      return OK;
    }
    if (System.getenv("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    String output = null;
    String index = null;
    String queriesFile = null;
    int k = 5;
    Mode mode = Mode.HYBRID;
    boolean json = false;
    org.apache.lucene.search.Query filter = null;
    List<String> words = new ArrayList<>();
    try {
      for (String a : args) {
        if (a.startsWith("--output=")) {
          output = a.substring(9);
        } else if (a.startsWith("--index=")) {
          index = a.substring(8);
        } else if (a.startsWith("--k=")) {
          k = Integer.parseInt(a.substring(4));
          if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("--k must be between 1 and 1000");
          }
        } else if (a.startsWith("--mode=")) {
          mode = Mode.valueOf(a.substring(7).toUpperCase(Locale.ROOT));
        } else if (a.startsWith("--format=")) {
          String f = a.substring(9);
          if (!f.equals("text") && !f.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json");
          }
          json = f.equals("json");
        } else if (a.startsWith("--filter=")) {
          filter = KnowledgeBase.filter(a.substring(9));
        } else if (a.startsWith("--queries=")) {
          queriesFile = a.substring(10);
        } else if (a.startsWith("--")) {
          throw new IllegalArgumentException("unknown flag " + a);
        } else {
          words.add(a);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("query: " + e.getMessage() + "\n" + summary());
      return CANNOT_START;
    }
    if ((output == null && index == null) || (words.isEmpty() && queriesFile == null)) {
      err.println("query: need --output=DIR (or --index=DIR) and a question (or --queries=FILE)\n" + summary());
      return CANNOT_START;
    }
    String location = index != null ? index : WriteKnowledgeBase.knowledgeBaseLocation(output);
    Path kbDir = Path.of(location);
    if (Locations.isRemote(location)) {
      PipelineOptions fs = PipelineOptionsFactory.create();
      HdfsInput.configure(fs, location);
      FileSystems.setDefaultPipelineOptions(fs);
      Optional<Path> local = PublishedIndex.localFolder(location);
      if (local.isEmpty()) {
        err.println("query: no finished knowledge base at " + location + " (no " + PublishedIndex.MARKER
            + ": none was published there, or its publishing was interrupted; rerun stage3 or run)");
        return CANNOT_START;
      }
      kbDir = local.get();
    }
    Path metaFile = kbDir.resolve("index_metadata.json");
    if (!Files.isRegularFile(metaFile)) {
      err.println("query: no knowledge base in " + kbDir + " (run stage3 first)");
      return CANNOT_START;
    }
    JsonNode meta = RagJson.MAPPER.readTree(metaFile.toFile());
    Optional<KnowledgeBase> opened = KnowledgeBase.openIfExists(kbDir);
    if (opened.isEmpty()) {
      err.println("query: " + kbDir + " has index_metadata.json but no Lucene index; rerun stage3");
      return CANNOT_START;
    }
    try (KnowledgeBase kb = opened.get()) {
      String commitSum = kb.commitData().get(KnowledgeBaseFields.COMMIT_CHUNK_IDS_SHA256);
      if (!meta.path("checksums").path("chunk_ids_sha256").asText().equals(commitSum)) {
        err.println("query: the index in " + kbDir + " and its index_metadata.json disagree"
            + " (an interrupted stage3?); rerun stage3");
        return CANNOT_START;
      }
      Embedder embedder = null;
      if (mode != Mode.BM25) {
        EmbeddingModelSpec spec = EmbeddingModelSpec.resolve(meta.path("model").path("name").asText());
        embedder = Embedder.load(spec, 0);
      }
      try {
        Searcher s = new Searcher(kb, embedder, mode).withFilter(filter);
        if (queriesFile != null) {
          for (String q : Files.readAllLines(Path.of(queriesFile), StandardCharsets.UTF_8)) {
            if (q.isBlank()) {
              continue;
            }
            ObjectNode line = RagJson.LINE.createObjectNode();
            line.put("query", q.strip());
            line.set("results", toJson(s.search(q.strip(), k)));
            out.println(RagJson.LINE.writeValueAsString(line));
          }
          return OK;
        }
        List<SearchHit> hits = s.search(String.join(" ", words), k);
        if (json) {
          out.println(RagJson.MAPPER.writeValueAsString(toJson(hits)));
        } else {
          printText(hits);
        }
        return OK;
      } finally {
        if (embedder != null) {
          embedder.close();
        }
      }
    }
  }

  /** One retrieval mode over an open knowledge base. */
  public static final class Searcher {
    private final KnowledgeBase kb;
    private final Embedder embedder;
    private final Mode mode;
    private final org.apache.lucene.search.Query filter;

    public Searcher(KnowledgeBase kb, Embedder embedder, Mode mode) {
      this(kb, embedder, mode, null);
    }

    private Searcher(KnowledgeBase kb, Embedder embedder, Mode mode, org.apache.lucene.search.Query filter) {
      this.kb = kb;
      this.embedder = embedder;
      this.mode = mode;
      this.filter = filter;
    }

    /** Only chunks {@code filter} matches ({@link KnowledgeBase#filter}); null for all. */
    public Searcher withFilter(org.apache.lucene.search.Query filter) {
      return new Searcher(kb, embedder, mode, filter);
    }

    public List<SearchHit> search(String query, int k) throws IOException {
      return switch (mode) {
        case BM25 -> kb.bm25(query, k, filter);
        case VECTOR -> kb.vector(embedder.embedQuery(query), k, filter);
        case HYBRID -> kb.hybrid(query, embedder.embedQuery(query), k, Math.max(FUSION_DEPTH, k), filter);
      };
    }
  }

  static ArrayNode toJson(List<SearchHit> hits) {
    ArrayNode arr = RagJson.MAPPER.createArrayNode();
    for (SearchHit h : hits) {
      ObjectNode o = arr.addObject();
      o.put("rank", h.rank());
      o.put("score", Math.round(h.score() * 1e6) / 1e6);
      o.put("doc_path", h.docPath());
      o.put("chunk_id", h.chunkId());
      JsonNode meta = metadata(h);
      o.put("type", meta.path("type").asText(SceneDocuments.DOCUMENT));
      if (meta.has("video_id")) {
        // A scene or its subtitles: where to look in the film.
        o.put("video_id", meta.path("video_id").asText());
        o.put("scene_id", meta.path("scene_id").asInt());
        o.put("start_time", meta.path("start_time").asDouble());
        o.put("end_time", meta.path("end_time").asDouble());
        if (meta.has("transition_in")) {
          o.put("transition_in", meta.path("transition_in").asText());
          o.put("transition_out", meta.path("transition_out").asText());
        }
        o.set("keyframes", keyframes(meta));
      }
      o.put("text", h.text());
    }
    return arr;
  }

  static JsonNode metadata(SearchHit h) {
    try {
      return RagJson.MAPPER.readTree(h.metadataJson() == null ? "{}" : h.metadataJson());
    } catch (IOException e) {
      return RagJson.MAPPER.createObjectNode();
    }
  }

  private static JsonNode keyframes(JsonNode meta) {
    try {
      return RagJson.MAPPER.readTree(meta.path("keyframes").asText("[]"));
    } catch (IOException e) {
      return RagJson.MAPPER.createArrayNode();
    }
  }

  private void printText(List<SearchHit> hits) {
    if (hits.isEmpty()) {
      out.println("No results.");
    }
    for (SearchHit h : hits) {
      out.printf("%d. %.4f  %s  [%s]%n", h.rank(), h.score(), h.docPath(), h.chunkId());
      JsonNode meta = metadata(h);
      if (meta.has("video_id")) {
        JsonNode kf = keyframes(meta);
        out.printf("   %s scene %d, %s - %s%s%n", meta.path("video_id").asText(),
            meta.path("scene_id").asInt(),
            dev.reelbeam.transforms.outputs.Timecodes.timecode(meta.path("start_time").asDouble()),
            dev.reelbeam.transforms.outputs.Timecodes.timecode(meta.path("end_time").asDouble()),
            kf.size() > 0 ? ", keyframe " + kf.get(kf.size() / 2).asText() : "");
      }
      if (h.headings() != null && !h.headings().isEmpty()) {
        out.println("   " + h.headings());
      }
      for (String line : h.text().split("\n")) {
        out.println("   " + line);
      }
      out.println();
    }
  }
}
