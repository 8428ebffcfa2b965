package dev.reelbeam.pipelines.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.io.files.TaskFailure;
import dev.reelbeam.io.files.TempFolders;
import dev.reelbeam.io.lucene.IndexedChunk;
import dev.reelbeam.io.lucene.KnowledgeBase;
import dev.reelbeam.io.lucene.KnowledgeBaseFields;
import dev.reelbeam.io.lucene.KnowledgeBaseWriter;
import dev.reelbeam.io.lucene.PublishedIndex;
import dev.reelbeam.transforms.DocsToEmbeddings;
import dev.reelbeam.transforms.GatherAll;
import dev.reelbeam.transforms.embed.ChunkEmbedding;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.outputs.OutputLayout;
import dev.reelbeam.transforms.outputs.WriteErrors;
import dev.reelbeam.transforms.text.Chunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The knowledge-base sink: one writer takes every document, chunk embedding and error record and
 * writes {@code rag/knowledge_base/} (the Lucene index, one commit, then {@code
 * index_metadata.json}), {@code rag/documents/} (normalised documents, {@code chunks.jsonl},
 * {@code manifest.json}) and {@code errors/<doc-id>.docs.json}. It always emits one {@link
 * KnowledgeBaseReport}, also when there are no documents.
 *
 * <p>Order matters for crashes: {@code index_metadata.json} comes last, after the index commit
 * and the documents' files (written side by side), and names the commit's chunk-id checksum and
 * {@code chunks.jsonl}'s; a reader that finds them disagree knows the run did not finish.
 *
 * <p>An output on another filesystem ({@code hdfs://}, any Beam filesystem) is written the same way
 * in local temporary storage (holding a copy of the index published before, so that an unchanged
 * document costs nothing), then published: documents and error records file by file, the index by
 * {@link PublishedIndex#publish} with its completion marker last.
 */
public final class WriteKnowledgeBase
    extends PTransform<PCollectionTuple, PCollection<KnowledgeBaseReport>> {
  public static final TupleTag<Document> DOCUMENTS = new TupleTag<>() {};
  public static final TupleTag<ChunkEmbedding> EMBEDDINGS = new TupleTag<>() {};
  public static final TupleTag<ErrorRecord> ERRORS = new TupleTag<>() {};

  /** Bumped when the index layout or embedding text changes: older indexes are rebuilt. */
  public static final String FORMAT_VERSION = DocsToEmbeddings.INDEX_FORMAT;

  private final String outputDir;
  private final EmbeddingModelSpec model;
  private final int chunkSize;
  private final int chunkOverlap;
  private final TreeSet<String> kept;
  private final int keptDimension;

  private WriteKnowledgeBase(String outputDir, EmbeddingModelSpec model, int chunkSize, int chunkOverlap,
      TreeSet<String> kept, int keptDimension) {
    this.outputDir = outputDir;
    this.model = model;
    this.chunkSize = chunkSize;
    this.chunkOverlap = chunkOverlap;
    this.kept = kept;
    this.keptDimension = keptDimension;
  }

  /** Writes under {@code <outputDir>/rag/} and {@code <outputDir>/errors/}. */
  public static WriteKnowledgeBase to(String outputDir, EmbeddingModelSpec model, int chunkSize,
      int chunkOverlap) {
    return new WriteKnowledgeBase(outputDir, model, chunkSize, chunkOverlap, new TreeSet<>(), 0);
  }

  /**
   * For a rerun that sends only the changed sources through the pipeline: the documents at
   * {@code paths} stay in the index, {@code chunks.jsonl} and {@code manifest.json} as the last
   * run wrote them (their vectors have {@code dimension} values), and the written documents,
   * chunks and error records join them. Documents neither kept nor written are removed. A local
   * output only; the last run's knowledge base must be finished and made with the same settings.
   */
  public WriteKnowledgeBase keeping(Set<String> paths, int dimension) {
    return new WriteKnowledgeBase(outputDir, model, chunkSize, chunkOverlap, new TreeSet<>(paths), dimension);
  }

  @Override
  public void populateDisplayData(org.apache.beam.sdk.transforms.display.DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(OutputLayout.rootItem(outputDir))
        .add(org.apache.beam.sdk.transforms.display.DisplayData.item("embeddingModel", model.name())
            .withLabel("Embedding model"))
        .add(org.apache.beam.sdk.transforms.display.DisplayData.item("chunkSize", chunkSize)
            .withLabel("Chunk size (tokens)"))
        .add(org.apache.beam.sdk.transforms.display.DisplayData.item("chunkOverlap", chunkOverlap)
            .withLabel("Chunk overlap (tokens)"));
  }

  /** The knowledge base's folder under {@code outputDir}: a path, or a URI for a remote output. */
  public static String knowledgeBaseLocation(String outputDir) {
    return Locations.isRemote(outputDir) ? OutputStore.at(outputDir).location(KNOWLEDGE_BASE)
        : knowledgeBaseDir(outputDir).toString();
  }

  private static final String KNOWLEDGE_BASE = "rag/knowledge_base";
  private static final String DOCUMENTS_DIR = "rag/documents";

  public static Path knowledgeBaseDir(String outputDir) {
    return Path.of(outputDir, "rag", "knowledge_base");
  }

  public static Path documentsDir(String outputDir) {
    return Path.of(outputDir, "rag", "documents");
  }

  @Override
  public PCollection<KnowledgeBaseReport> expand(PCollectionTuple in) {
    PCollectionView<List<Iterable<Document>>> docs =
        in.get(DOCUMENTS).apply("Documents", GatherAll.create());
    PCollectionView<List<Iterable<ChunkEmbedding>>> vectors =
        in.get(EMBEDDINGS).apply("Embeddings", GatherAll.create());
    PCollectionView<List<Iterable<ErrorRecord>>> errors =
        in.get(ERRORS).apply("Errors", GatherAll.create());
    return in.getPipeline()
        .apply("Once", Create.of("knowledge_base"))
        .apply("Write", ParDo.of(new WriteFn(outputDir, model, chunkSize, chunkOverlap, kept,
                keptDimension, docs, vectors, errors))
            .withSideInputs(docs, vectors, errors))
        .setCoder(KnowledgeBaseReportCoder.of());
  }

  /**
   * {@code index_metadata.json}: the model, chunker and index layout, the counts and the checksums
   * that tie it to one commit and one {@code chunks.jsonl}. A rerun that finds the file's bytes
   * equal to these, made from today's settings, knows the index was made with them.
   */
  static ObjectNode indexMetadata(EmbeddingModelSpec model, int dimension, int chunkSize, int chunkOverlap,
      int documents, int chunks, int errors, String chunkIdsSha256, String chunksJsonlSha256)
      throws IOException {
    ObjectNode meta = RagJson.object();
    meta.put("format_version", FORMAT_VERSION);
    ObjectNode m = meta.putObject("model");
    m.put("name", model.name());
    m.put("onnx", model.onnx());
    m.put("sha256", model.onnxSha256());
    m.put("dimension", dimension);
    m.put("pooling", model.pooling().name().toLowerCase(Locale.ROOT));
    m.put("normalization", model.normalize() ? "l2" : "none");
    m.put("max_tokens", model.maxTokens());
    m.put("query_prefix", model.queryPrefix());
    ObjectNode ch = meta.putObject("chunker");
    ch.put("chunk_size", chunkSize);
    ch.put("chunk_overlap", chunkOverlap);
    ch.put("boundaries", "heading, paragraph, sentence");
    ch.put("chunk_id", "sha256(doc_path, heading path, text)[0:16]");
    ObjectNode ix = meta.putObject("index");
    ix.put("engine", "lucene " + org.apache.lucene.util.Version.LATEST);
    ix.put("vector_field", KnowledgeBaseFields.VECTOR);
    ix.put("vector_index", "hnsw");
    ix.put("similarity", model.normalize() ? "dot_product" : "cosine");
    ix.put("text_field", KnowledgeBaseFields.SEARCH);
    ix.put("text_similarity", "bm25");
    ix.put("analyzer", "english");
    ObjectNode counts = meta.putObject("counts");
    counts.put("documents", documents);
    counts.put("chunks", chunks);
    counts.put("errors", errors);
    ObjectNode sums = meta.putObject("checksums");
    sums.put("chunk_ids_sha256", chunkIdsSha256);
    sums.put("chunks_jsonl_sha256", chunksJsonlSha256);
    return meta;
  }

  /**
   * What the last run wrote for the documents a rerun keeps: their {@code manifest.json} entries
   * and {@code chunks.jsonl} lines (by path), and their chunk ids. Empty when nothing is kept.
   */
  record Kept(Map<String, JsonNode> documents, Map<String, List<byte[]>> lines, Set<String> chunkIds) {
    static Kept read(Path docsDir, Set<String> kept) throws IOException {
      Map<String, JsonNode> documents = new TreeMap<>();
      Map<String, List<byte[]>> lines = new TreeMap<>();
      Set<String> ids = new HashSet<>();
      if (kept.isEmpty()) {
        return new Kept(documents, lines, ids);
      }
      for (JsonNode d : RagJson.MAPPER.readTree(docsDir.resolve("manifest.json").toFile()).path("documents")) {
        if (kept.contains(d.path("path").asText())) {
          documents.put(d.path("path").asText(), d);
        }
      }
      for (String line : Files.readAllLines(docsDir.resolve("chunks.jsonl"), StandardCharsets.UTF_8)) {
        JsonNode c = RagJson.LINE.readTree(line);
        String path = c.path("doc_path").asText();
        if (kept.contains(path)) {
          lines.computeIfAbsent(path, k -> new ArrayList<>()).add(line.getBytes(StandardCharsets.UTF_8));
          ids.add(c.path("chunk_id").asText());
        }
      }
      if (documents.size() != kept.size()) {
        throw new IOException("manifest.json in " + docsDir + " no longer lists every kept document;"
            + " run stage3 again");
      }
      return new Kept(documents, lines, ids);
    }
  }

  static final class WriteFn extends DoFn<String, KnowledgeBaseReport> {
    private final String outputDir;
    private final EmbeddingModelSpec model;
    private final int chunkSize;
    private final int chunkOverlap;
    private final TreeSet<String> kept;
    private final int keptDimension;
    private final PCollectionView<List<Iterable<Document>>> docsView;
    private final PCollectionView<List<Iterable<ChunkEmbedding>>> vectorsView;
    private final PCollectionView<List<Iterable<ErrorRecord>>> errorsView;

    WriteFn(String outputDir, EmbeddingModelSpec model, int chunkSize, int chunkOverlap,
        TreeSet<String> kept, int keptDimension,
        PCollectionView<List<Iterable<Document>>> docsView,
        PCollectionView<List<Iterable<ChunkEmbedding>>> vectorsView,
        PCollectionView<List<Iterable<ErrorRecord>>> errorsView) {
      this.outputDir = outputDir;
      this.model = model;
      this.chunkSize = chunkSize;
      this.chunkOverlap = chunkOverlap;
      this.kept = kept;
      this.keptDimension = keptDimension;
      this.docsView = docsView;
      this.vectorsView = vectorsView;
      this.errorsView = errorsView;
    }

    @ProcessElement
    public void process(ProcessContext ctx) throws IOException {
      List<Document> docs = GatherAll.flatten(ctx.sideInput(docsView));
      docs.sort(Comparator.comparing(Document::path));
      List<ChunkEmbedding> vectors = GatherAll.flatten(ctx.sideInput(vectorsView));
      vectors.sort(Comparator.comparing((ChunkEmbedding e) -> e.chunk().docPath())
          .thenComparingInt(e -> e.chunk().ordinal()));
      List<ErrorRecord> errors = GatherAll.flatten(ctx.sideInput(errorsView));
      errors.sort(Comparator.comparing(ErrorRecord::input));
      if (!Locations.isRemote(outputDir)) {
        ctx.output(write(outputDir, docs, vectors, errors));
        return;
      }
      Path staging = Files.createTempDirectory("reelbeam-kb-");
      try {
        OutputStore store = OutputStore.at(outputDir);
        Optional<Path> previous = PublishedIndex.localCopy(OutputStore.at(store.location(KNOWLEDGE_BASE)));
        Path kbDir = Files.createDirectories(knowledgeBaseDir(staging.toString()));
        if (previous.isPresent()) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(previous.get())) {
            for (Path f : files) {
              Files.copy(f, kbDir.resolve(f.getFileName().toString()));
            }
          }
        }
        KnowledgeBaseReport r = write(staging.toString(), docs, vectors, errors);
        publish(staging, store);
        ctx.output(r.at(store.location(KNOWLEDGE_BASE)));
      } finally {
        TempFolders.deleteTree(staging);
      }
    }

    /**
     * Copies what {@link #write} wrote under the local {@code staging} root to the remote output:
     * the marker goes first (the index is unfinished from then on), documents and the documents'
     * error records, then the index with its marker last. Each file is written under a temporary
     * name and renamed; remote files the run no longer has are deleted.
     */
    private static void publish(Path staging, OutputStore store) throws IOException {
      var before = PublishedIndex.unpublish(store, KNOWLEDGE_BASE);
      mirror(documentsDir(staging.toString()), store, DOCUMENTS_DIR, "*");
      mirror(staging.resolve("errors"), store, "errors", "*." + ReadDocuments.STAGE + ".json");
      PublishedIndex.publish(knowledgeBaseDir(staging.toString()), store, KNOWLEDGE_BASE, before);
    }

    /** Makes the files matching {@code glob} in remote folder {@code dirRel} those of {@code local}. */
    private static void mirror(Path local, OutputStore store, String dirRel, String glob) throws IOException {
      Set<String> names = new HashSet<>();
      if (Files.isDirectory(local)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(local, glob)) {
          for (Path f : files) {
            names.add(f.getFileName().toString());
            store.writeIfChanged(dirRel + "/" + f.getFileName(), Files.readAllBytes(f));
          }
        }
      }
      for (String name : store.list(dirRel, glob)) {
        if (!names.contains(name) && !name.startsWith(".tmp-")) {
          store.delete(dirRel + "/" + name);
        }
      }
    }

    /** Writes the knowledge base under the local folder {@code outputDir}. */
    KnowledgeBaseReport write(String outputDir, List<Document> docs, List<ChunkEmbedding> vectors,
        List<ErrorRecord> errors) throws IOException {
      Path kbDir = knowledgeBaseDir(outputDir);
      Path docsDir = documentsDir(outputDir);
      Set<String> previousIds = previousChunkIds(kbDir);
      Kept before = Kept.read(docsDir, kept);

      int dimension = !vectors.isEmpty() ? vectors.get(0).vector().length : kept.isEmpty() ? 0 : keptDimension;
      List<IndexedChunk> rows = new ArrayList<>(vectors.size());
      Set<String> currentIds = new HashSet<>(before.chunkIds());
      int embedded = 0;
      int reused = before.chunkIds().size();
      Map<String, Integer> chunksPerDoc = new HashMap<>();
      Map<String, String> docSha = new HashMap<>();
      for (Document d : docs) {
        docSha.put(d.path(), d.sha256());
      }
      for (ChunkEmbedding e : vectors) {
        Chunk c = e.chunk();
        rows.add(new IndexedChunk(c.chunkId(), c.docId(), c.docPath(), c.ordinal(), c.title(),
            c.headingPath(), c.text(), RagJson.LINE.writeValueAsString(c.metadata()), e.vector(),
            docSha.getOrDefault(c.docPath(), ""), c.tokens(), c.headings()));
        currentIds.add(c.chunkId());
        chunksPerDoc.merge(c.docPath(), 1, Integer::sum);
        if (e.reused()) {
          reused++;
        } else {
          embedded++;
        }
      }
      int removed = 0;
      for (String id : previousIds) {
        if (!currentIds.contains(id)) {
          removed++;
        }
      }

      // 1. The index: one Lucene commit replaces the previous one.
      Map<String, String> commit = new LinkedHashMap<>();
      commit.put(KnowledgeBaseFields.COMMIT_MODEL, model.name());
      commit.put(KnowledgeBaseFields.COMMIT_MODEL_SHA256, model.onnxSha256());
      commit.put(KnowledgeBaseFields.COMMIT_POOLING, model.pooling().name());
      commit.put(KnowledgeBaseFields.COMMIT_DIMENSION, Integer.toString(dimension));
      commit.put(KnowledgeBaseFields.COMMIT_FORMAT, FORMAT_VERSION);
      commit.put(KnowledgeBaseFields.COMMIT_CHUNKER,
          DocsToEmbeddings.chunkerKey(model, chunkSize, chunkOverlap));
      // Only the documents that changed are written again; nothing changed, no commit. On a
      // thread of its own: Lucene builds the index (the HNSW graph) on one core, and the files of
      // steps 2 and 3 (an fsync each) need none of it. Only index_metadata.json, last, waits for it.
      FutureTask<Map<String, String>> index = new FutureTask<>(
          () -> KnowledgeBaseWriter.update(kbDir, rows, model.normalize(), commit, kept).commitData());
      Thread indexer = new Thread(index, "reelbeam-index-writer");
      indexer.start();
      Map<String, String> written;
      DocumentsWritten files;
      try {
        files = writeDocuments(outputDir, docsDir, docs, vectors, errors, before, chunksPerDoc);
      } finally {
        written = await(index);
      }

      // 4. Last: index_metadata.json names the commit it describes.
      int documents = files.documents();
      int chunks = rows.size() + before.chunkIds().size();
      ObjectNode meta = indexMetadata(model, dimension, chunkSize, chunkOverlap, documents, chunks,
          errors.size(), written.get(KnowledgeBaseFields.COMMIT_CHUNK_IDS_SHA256), files.chunksSha256());
      RagJson.write(kbDir.resolve("index_metadata.json"), meta);

      List<String> errorLines = new ArrayList<>();
      for (ErrorRecord e : errors) {
        errorLines.add(e.message());
      }
      return new KnowledgeBaseReport(kbDir.toString(), documents, chunks, embedded, reused,
          removed, errorLines, model.name(), dimension, model.pooling().name().toLowerCase(Locale.ROOT),
          model.normalize());
    }

    /** The index writer's result, its failure rethrown as this thread's. */
    private static Map<String, String> await(FutureTask<Map<String, String>> index)
        throws IOException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return index.get();
          } catch (InterruptedException e) {
            interrupted = true; // the index is being written: let it finish
          }
        }
      } catch (ExecutionException e) {
        throw TaskFailure.cause(e);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** What steps 2 and 3 wrote: the manifest's documents, and chunks.jsonl's SHA-256. */
    private record DocumentsWritten(int documents, String chunksSha256) {}

    /** Steps 2 and 3: normalised documents, chunks.jsonl, manifest.json, error records. */
    private static DocumentsWritten writeDocuments(String outputDir, Path docsDir, List<Document> docs,
        List<ChunkEmbedding> vectors, List<ErrorRecord> errors, Kept before,
        Map<String, Integer> chunksPerDoc) throws IOException {
      // 2. Normalised documents, chunks.jsonl, manifest.json.
      Set<String> keep = new HashSet<>(List.of("chunks.jsonl", "manifest.json"));
      for (JsonNode d : before.documents().values()) {
        keep.add(d.path("normalized").asText());
      }
      for (Document d : docs) {
        String name = d.docId() + ".txt";
        keep.add(name);
        AtomicFiles.writeIfChanged(docsDir.resolve(name), d.normalizedText().getBytes(StandardCharsets.UTF_8));
      }
      deleteOthers(docsDir, keep, null);
      String chunksSha = writeChunks(docsDir.resolve("chunks.jsonl"), vectors, before.lines());
      ObjectNode manifest = RagJson.object();
      manifest.put("format_version", FORMAT_VERSION);
      // In path order, as the documents are sorted: kept entries as the last run wrote them.
      Map<String, JsonNode> entries = new TreeMap<>(before.documents());
      for (Document d : docs) {
        ObjectNode o = RagJson.object();
        entries.put(d.path(), o);
        o.put("path", d.path());
        o.put("doc_id", d.docId());
        o.put("format", d.format());
        o.put("title", d.title());
        o.put("bytes", d.bytes());
        o.put("sha256", d.sha256());
        o.put("sections", d.sections().size());
        o.put("chunks", chunksPerDoc.getOrDefault(d.path(), 0));
        o.put("normalized", d.docId() + ".txt");
        o.set("metadata", RagJson.MAPPER.valueToTree(d.metadata()));
      }
      manifest.putArray("documents").addAll(entries.values());
      ArrayNode errArray = manifest.putArray("errors");
      for (ErrorRecord e : errors) {
        ObjectNode o = errArray.addObject();
        o.put("input", e.input());
        o.put("doc_id", e.id());
        o.put("message", e.message());
      }
      RagJson.write(docsDir.resolve("manifest.json"), manifest);

      // 3. Error records; stale ones (documents fixed or gone) removed.
      Path errorsDir = Path.of(outputDir, "errors");
      Set<String> keepErrors = new HashSet<>();
      for (ErrorRecord e : errors) {
        String name = e.id() + "." + ReadDocuments.STAGE + ".json";
        keepErrors.add(name);
        // The one error-record writer's JSON (WriteErrors), so every reader reads one spelling.
        RagJson.write(errorsDir.resolve(name), WriteErrors.toJson(e));
      }
      deleteOthers(errorsDir, keepErrors, "." + ReadDocuments.STAGE + ".json");
      return new DocumentsWritten(entries.size(), chunksSha);
    }

    private static Set<String> previousChunkIds(Path kbDir) throws IOException {
      Optional<KnowledgeBase> kb = KnowledgeBase.openIfExists(kbDir);
      if (kb.isEmpty()) {
        return Set.of();
      }
      try (KnowledgeBase k = kb.get()) {
        return k.chunkIds();
      }
    }

    /**
     * chunks.jsonl: one chunk a line, in document and chunk order, the kept documents' lines
     * ({@code keptLines}, by path) as they were; returns its SHA-256.
     */
    private static String writeChunks(Path target, List<ChunkEmbedding> vectors,
        Map<String, List<byte[]>> keptLines) throws IOException {
      Map<String, List<byte[]>> byDoc = new TreeMap<>(keptLines);
      for (ChunkEmbedding e : vectors) {
        Chunk c = e.chunk();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("chunk_id", c.chunkId());
        line.put("doc_id", c.docId());
        line.put("doc_path", c.docPath());
        line.put("ordinal", c.ordinal());
        line.put("title", c.title());
        line.put("headings", c.headings());
        line.put("tokens", c.tokens());
        line.put("text", c.text());
        line.put("metadata", c.metadata());
        byDoc.computeIfAbsent(c.docPath(), k -> new ArrayList<>()).add(CHUNK_LINE.writeValueAsBytes(line));
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      for (List<byte[]> lines : byDoc.values()) {
        for (byte[] line : lines) {
          bytes.write(line);
          bytes.write('\n');
        }
      }
      byte[] all = bytes.toByteArray();
      AtomicFiles.writeIfChanged(target, all);
      return Sha256.of(all);
    }

    /** Jackson's defaults (the file's format), made once: a mapper per line cost seconds. */
    private static final com.fasterxml.jackson.databind.ObjectMapper CHUNK_LINE =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Deletes files in {@code dir} not in {@code keep} (only names ending in {@code suffix}). */
    private static void deleteOthers(Path dir, Set<String> keep, String suffix) throws IOException {
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          if (Files.isRegularFile(f) && !keep.contains(name)
              && (suffix == null || name.endsWith(suffix))) {
            Files.delete(f);
          }
        }
      }
    }
  }
}
