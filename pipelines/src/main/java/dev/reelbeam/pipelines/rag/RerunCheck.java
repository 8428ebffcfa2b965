package dev.reelbeam.pipelines.rag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.lucene.KnowledgeBaseFields;
import dev.reelbeam.transforms.DocsToEmbeddings;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/**
 * Whether {@code stage3} has anything to do, decided before a pipeline is built: the sources (the
 * files under {@code --docs} and the analysed scenes) are fingerprinted in this process and
 * compared with the fingerprints the finished knowledge base already records, the documents'
 * SHA-256 in {@code manifest.json}. When they are the same, and the index was made with today's
 * model, chunker and layout, the pipeline would reuse every stored chunk and write the same
 * bytes again; {@code stage3} then writes only {@code rag_summary.json} and stops, without the
 * runner, the model or a Lucene reader (an unchanged rerun of 1,398 documents spent some 47 CPU
 * seconds in the runner to conclude that).
 *
 * <p>Anything this check cannot vouch for sends the run through the pipeline as before: no
 * previous knowledge base or an unfinished one (the commit, {@code index_metadata.json} and
 * {@code chunks.jsonl} disagree), another model (by its bytes), chunker or layout, a file larger
 * than {@code --maxDocBytes}, error records from the last run (their files are not fingerprinted),
 * a missing or stray file under {@code rag/documents/}, a remote output.
 */
final class RerunCheck {
  private RerunCheck() {}

  private static final String METADATA = "index_metadata.json";

  /**
   * What a rerun has to do against the knowledge base the last run finished: which sources
   * changed (by path), which are gone, which stay as they are stored.
   *
   * @param report what the run reports when nothing changed (every stored chunk reused)
   * @param dimension the stored vectors' length
   * @param changedFiles files under {@code --docs} (relative paths) that are new or changed
   * @param changedVideos videos with a new or changed scene document (all their documents are made again)
   * @param kept documents (paths) that stay in the index as they are
   * @param removed documents (paths) no source makes any more
   */
  record Plan(KnowledgeBaseReport report, int dimension, Set<String> changedFiles,
      Set<String> changedVideos, Set<String> kept, Set<String> removed) {
    boolean unchanged() {
      return changedFiles.isEmpty() && changedVideos.isEmpty() && removed.isEmpty();
    }
  }

  /** The report of a rerun with nothing to do, or empty when the pipeline must run. */
  static Optional<KnowledgeBaseReport> unchanged(RagOptions options) {
    return plan(options).filter(Plan::unchanged).map(Plan::report);
  }

  /**
   * The plan of a rerun against the finished knowledge base under {@code --output}, or empty when
   * the pipeline must read every source (no such knowledge base, or one this check cannot vouch
   * for). Never throws for a state it cannot read: that state is the pipeline's to rebuild or to
   * report.
   */
  static Optional<Plan> plan(RagOptions options) {
    try {
      // The check reads the stored manifest and hashes the documents with java.nio: on another
      // filesystem the pipeline decides, as it did before this check.
      if (options.getOutput() == null || Locations.isRemote(options.getOutput())
          || (options.getDocs() != null && Locations.isRemote(options.getDocs()))) {
        return Optional.empty();
      }
      String output = OutputStore.at(options.getOutput()).root();
      String docs = options.getDocs() == null || options.getDocs().isBlank() ? null
          : Path.of(options.getDocs()).toAbsolutePath().normalize().toString();
      List<String> videos = options.getIndexScenes() ? SceneDocuments.videoIds(output) : List.of();
      if (docs == null && videos.isEmpty()) {
        return Optional.empty(); // nothing to index: the pipeline's builder says so
      }
      EmbeddingModelSpec model = EmbeddingModelSpec.resolve(options.getEmbeddingModel());
      return plan(Path.of(output), docs == null ? null : Path.of(docs), videos, model,
          options.getChunkSize(), options.getChunkOverlap(), options.getMaxDocBytes());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@link #plan(Path, Path, List, EmbeddingModelSpec, int, int, long)}'s report when nothing changed. */
  static Optional<KnowledgeBaseReport> unchanged(Path output, Path docs, List<String> videos,
      EmbeddingModelSpec model, int chunkSize, int chunkOverlap, long maxDocBytes) throws IOException {
    return plan(output, docs, videos, model, chunkSize, chunkOverlap, maxDocBytes)
        .filter(Plan::unchanged).map(Plan::report);
  }

  /**
   * The plan of a rerun over {@code docs} (null for none) and the scenes of {@code videos} under
   * {@code output}, or empty when the pipeline must read every source.
   */
  static Optional<Plan> plan(Path output, Path docs, List<String> videos,
      EmbeddingModelSpec model, int chunkSize, int chunkOverlap, long maxDocBytes) throws IOException {
    Path kbDir = WriteKnowledgeBase.knowledgeBaseDir(output.toString());
    Path docsDir = WriteKnowledgeBase.documentsDir(output.toString());
    Path metaFile = kbDir.resolve(METADATA);
    Path manifestFile = docsDir.resolve("manifest.json");
    Path chunksFile = docsDir.resolve("chunks.jsonl");
    if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(manifestFile) || !Files.isRegularFile(chunksFile)) {
      return Optional.empty();
    }
    JsonNode meta = RagJson.MAPPER.readTree(metaFile.toFile());
    JsonNode counts = meta.path("counts");
    int dimension = meta.path("model").path("dimension").asInt();
    int documents = counts.path("documents").asInt();
    int chunks = counts.path("chunks").asInt();
    String chunkIds = meta.path("checksums").path("chunk_ids_sha256").asText();
    String chunksSha = meta.path("checksums").path("chunks_jsonl_sha256").asText();
    if (counts.path("errors").asInt() != 0) {
      return Optional.empty();
    }
    // The model's hash (90 MB read from its jar, the check's largest cost) on a thread of its own
    // while this one hashes the sources.
    CompletableFuture<String> modelHash = CompletableFuture.supplyAsync(() -> {
      try {
        return model.onnxSha256();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, String> videoOf = new HashMap<>();
    Optional<Map<String, String>> sources = fingerprints(output, docs, videos, maxDocBytes, videoOf);
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    modelHash.join();
    // Today's model, chunker and layout write exactly these bytes, or the index was made otherwise.
    byte[] expected = RagJson.bytes(WriteKnowledgeBase.indexMetadata(model, dimension, chunkSize,
        chunkOverlap, documents, chunks, 0, chunkIds, chunksSha));
    if (!Arrays.equals(expected, Files.readAllBytes(metaFile))) {
      return Optional.empty();
    }
    if (!commitAgrees(kbDir, model, chunkSize, chunkOverlap, dimension, chunks, chunkIds)
        || !chunksSha.equals(Sha256.of(chunksFile))) {
      return Optional.empty();
    }
    JsonNode manifest = RagJson.MAPPER.readTree(manifestFile.toFile());
    if (!WriteKnowledgeBase.FORMAT_VERSION.equals(manifest.path("format_version").asText())
        || !manifest.path("errors").isArray() || manifest.path("errors").size() != 0
        || manifest.path("documents").size() != documents) {
      return Optional.empty();
    }
    Map<String, String> indexed = new HashMap<>();
    Set<String> files = new HashSet<>(Set.of("chunks.jsonl", "manifest.json"));
    for (JsonNode d : manifest.path("documents")) {
      indexed.put(d.path("path").asText(), d.path("sha256").asText());
      files.add(d.path("normalized").asText());
    }
    if (!files.equals(regularFiles(docsDir)) || hasErrorRecords(output.resolve("errors"))) {
      return Optional.empty();
    }
    Set<String> changedFiles = new TreeSet<>();
    Set<String> changedVideos = new TreeSet<>();
    for (Map.Entry<String, String> e : sources.get().entrySet()) {
      if (!e.getValue().equals(indexed.get(e.getKey()))) {
        String video = videoOf.get(e.getKey());
        if (video == null) {
          changedFiles.add(e.getKey());
        } else {
          changedVideos.add(video);
        }
      }
    }
    Set<String> kept = new TreeSet<>();
    for (String path : sources.get().keySet()) {
      String video = videoOf.get(path);
      if (video == null ? !changedFiles.contains(path) : !changedVideos.contains(video)) {
        kept.add(path);
      }
    }
    Set<String> removed = new TreeSet<>(indexed.keySet());
    removed.removeAll(sources.get().keySet());
    KnowledgeBaseReport report = new KnowledgeBaseReport(kbDir.toString(), documents, chunks, 0,
        chunks, 0, List.of(), model.name(), dimension,
        model.pooling().name().toLowerCase(Locale.ROOT), model.normalize());
    return Optional.of(new Plan(report, dimension, changedFiles, changedVideos, kept, removed));
  }

  /**
   * Each source's path and SHA-256 as the pipeline's documents would carry them: the bytes of
   * each file {@code ReadDocuments} would read, and each scene document's own hash; empty when a
   * file would be refused for its size (an error record, which the pipeline must write). Scene
   * documents' videos go into {@code videoOf}.
   */
  static Optional<Map<String, String>> fingerprints(Path output, Path docs, List<String> videos,
      long maxDocBytes, Map<String, String> videoOf) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (docs != null) {
      List<Path> all;
      try (Stream<Path> walk = Files.walk(docs)) {
        all = walk.filter(Files::isRegularFile).toList();
      }
      for (Path f : all) {
        String rel = docs.relativize(f).toString().replace('\\', '/');
        if (!ReadDocuments.isDocument(rel)) {
          continue;
        }
        if (Files.size(f) > maxDocBytes) {
          return Optional.empty();
        }
        out.put(rel, Sha256.of(f));
      }
    }
    for (String video : videos) {
      for (Document d : SceneDocuments.documents(output, video)) {
        if (out.put(d.path(), d.sha256()) != null) {
          return Optional.empty(); // a clash the pipeline reports in its own way
        }
        videoOf.put(d.path(), video);
      }
    }
    return Optional.of(out);
  }

  /** The Lucene commit is the one {@code index_metadata.json} describes, made with these settings. */
  private static boolean commitAgrees(Path kbDir, EmbeddingModelSpec model, int chunkSize,
      int chunkOverlap, int dimension, int chunks, String chunkIds) throws IOException {
    Map<String, String> data;
    try (FSDirectory dir = FSDirectory.open(kbDir)) {
      data = SegmentInfos.readLatestCommit(dir).getUserData();
    } catch (IndexNotFoundException e) {
      return false;
    }
    return chunkIds.equals(data.get(KnowledgeBaseFields.COMMIT_CHUNK_IDS_SHA256))
        && Integer.toString(chunks).equals(data.get(KnowledgeBaseFields.COMMIT_CHUNKS))
        && model.name().equals(data.get(KnowledgeBaseFields.COMMIT_MODEL))
        && model.onnxSha256().equals(data.get(KnowledgeBaseFields.COMMIT_MODEL_SHA256))
        && model.pooling().name().equals(data.get(KnowledgeBaseFields.COMMIT_POOLING))
        && Integer.toString(dimension).equals(data.get(KnowledgeBaseFields.COMMIT_DIMENSION))
        && WriteKnowledgeBase.FORMAT_VERSION.equals(data.get(KnowledgeBaseFields.COMMIT_FORMAT))
        && DocsToEmbeddings.chunkerKey(model, chunkSize, chunkOverlap)
            .equals(data.get(KnowledgeBaseFields.COMMIT_CHUNKER));
  }

  /** The regular files' names in {@code dir} (the ones the writer would delete if unlisted). */
  private static Set<String> regularFiles(Path dir) throws IOException {
    Set<String> names = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          names.add(f.getFileName().toString());
        }
      }
    }
    return names;
  }

  private static boolean hasErrorRecords(Path errors) throws IOException {
    if (!Files.isDirectory(errors)) {
      return false;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(errors, "*." + ReadDocuments.STAGE + ".json")) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          return true;
        }
      }
    }
    return false;
  }
}
