package dev.reelbeam.io.lucene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.Locations;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.io.files.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A knowledge base (a Lucene index folder) on a filesystem Lucene cannot write to or read from
 * directly: {@code hdfs://}, {@code s3://}, any Beam filesystem. Lucene needs a local directory, so
 * the index is built in local temporary storage and {@link #publish published}; readers take a
 * local copy ({@link #localCopy}), cached by what was published.
 *
 * <p>Publishing is ordered so that a crash never leaves an index that looks finished: the marker
 * {@value #MARKER} is deleted first, every file is written under a temporary name and renamed
 * ({@link OutputStore#write}), files the new commit no longer uses are deleted, and the marker,
 * which lists every file with its size and SHA-256, is written last. A folder without the marker
 * holds no finished index; a reader verifies each copied file against it.
 */
public final class PublishedIndex {
  /** The completion marker in the published folder: written last, deleted first. */
  public static final String MARKER = "_published.json";

  /** Lucene's lock file: never part of what a reader needs. */
  private static final String LOCK = "write.lock";

  private PublishedIndex() {}

  /**
   * The local folder holding the index at {@code location}: the folder itself when it is a local
   * path, else a verified local copy of what was published there (empty when nothing finished is).
   */
  public static Optional<Path> localFolder(String location) throws IOException {
    if (!Locations.isRemote(location)) {
      return Optional.of(Path.of(location));
    }
    return localCopy(OutputStore.at(location));
  }

  /**
   * Copies the index folder {@code local} to folder {@code dirRel} of {@code store}, in the order
   * the class comment gives. Files already published with the same bytes are not copied again
   * (Lucene never rewrites a file under the same name, so a rerun copies only new segments).
   */
  public static void publish(Path local, OutputStore store, String dirRel) throws IOException {
    publish(local, store, dirRel, unpublish(store, dirRel));
  }

  /**
   * The first step of publishing: deletes the marker in {@code dirRel} (from now on the folder
   * holds no finished index) and returns what it listed, for {@link #publish(Path, OutputStore,
   * String, Map)}. A caller that publishes other files with the index does so after this step.
   */
  public static Map<String, JsonNode> unpublish(OutputStore store, String dirRel) throws IOException {
    Map<String, JsonNode> before = published(store, dirRel).map(PublishedIndex::files).orElse(Map.of());
    store.delete(dirRel + "/" + MARKER);
    return before;
  }

  /** The rest of {@link #publish(Path, OutputStore, String)}, after {@link #unpublish}. */
  public static void publish(Path local, OutputStore store, String dirRel, Map<String, JsonNode> before)
      throws IOException {
    Map<String, ObjectNode> now = new TreeMap<>();
    for (Path f : indexFiles(local)) {
      String name = f.getFileName().toString();
      ObjectNode entry = Json.object();
      entry.put("name", name);
      entry.put("bytes", Files.size(f));
      entry.put("sha256", Sha256.of(f));
      now.put(name, entry);
      JsonNode old = before.get(name);
      boolean same = old != null && old.path("bytes").asLong() == Files.size(f)
          && old.path("sha256").asText().equals(entry.path("sha256").asText());
      if (!same || !store.isFile(dirRel + "/" + name)) {
        store.write(dirRel + "/" + name, out -> Files.copy(f, out));
      }
    }
    for (String name : store.list(dirRel, "*")) {
      if (!now.containsKey(name) && !name.equals(MARKER) && !name.startsWith(".tmp-")) {
        store.delete(dirRel + "/" + name);
      }
    }
    ObjectNode marker = Json.object();
    marker.put("format", 1);
    ArrayNode list = marker.putArray("files");
    now.values().forEach(list::add);
    store.write(dirRel + "/" + MARKER, Json.bytes(marker));
  }

  /**
   * A verified local copy of the index published at {@code store}'s root, in {@code
   * java.io.tmpdir/reelbeam-index-cache/}, keyed by the marker's hash: a second reader of the same
   * publication (a query, a rerun's reuse of vectors) copies nothing. Older copies of the same
   * location are removed. Empty when the root holds no marker.
   */
  public static Optional<Path> localCopy(OutputStore store) throws IOException {
    Optional<JsonNode> marker = published(store, "");
    if (marker.isEmpty()) {
      return Optional.empty();
    }
    Path locationDir = Path.of(System.getProperty("java.io.tmpdir"), "reelbeam-index-cache",
        Sha256.of(store.root().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    Path cached = locationDir.resolve(Sha256.of(Json.bytes(marker.get())).substring(0, 16));
    if (Files.isDirectory(cached)) {
      return Optional.of(cached);
    }
    Files.createDirectories(locationDir);
    Path tmp = Files.createTempDirectory(locationDir, ".tmp-");
    try {
      for (JsonNode f : marker.get().path("files")) {
        String name = f.path("name").asText();
        Path target = tmp.resolve(name);
        try (OutputStore.LocalCopy copy = store.localCopy(name)) {
          Files.copy(copy.path(), target);
        }
        if (Files.size(target) != f.path("bytes").asLong() || !Sha256.of(target).equals(f.path("sha256").asText())) {
          throw new IOException(store.location(name) + " differs from what " + MARKER
              + " lists: the index was republished while it was copied; retry");
        }
      }
      try {
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // Another reader on this machine (a second TaskManager, a query) copied the same
        // publication first: use its copy. Linux reports a rename onto that non-empty folder as
        // ENOTEMPTY, which the JDK throws as a plain FileSystemException, not
        // DirectoryNotEmptyException; anything else (no copy there) is a real failure.
        if (!Files.isDirectory(cached)) {
          throw e;
        }
      }
    } finally {
      TempFolders.deleteTree(tmp);
    }
    removeOthers(locationDir, cached);
    return Optional.of(cached);
  }

  private static Optional<JsonNode> published(OutputStore store, String dirRel) throws IOException {
    String rel = dirRel.isEmpty() ? MARKER : dirRel + "/" + MARKER;
    if (!store.isFile(rel)) {
      return Optional.empty();
    }
    return Optional.of(Json.mapper().readTree(store.read(rel)));
  }

  private static Map<String, JsonNode> files(JsonNode marker) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    marker.path("files").forEach(f -> files.put(f.path("name").asText(), f));
    return files;
  }

  private static List<Path> indexFiles(Path local) throws IOException {
    try (Stream<Path> files = Files.list(local)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals(LOCK))
          .filter(f -> !f.getFileName().toString().equals(MARKER))
          .sorted()
          .toList();
    }
  }

  /** Copies of earlier publications of the same location (not in use by a reader that opened them: Linux keeps open files). */
  private static void removeOthers(Path locationDir, Path keep) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(locationDir)) {
      for (Path d : dirs) {
        if (!d.equals(keep) && !d.getFileName().toString().startsWith(".tmp-")) {
          TempFolders.deleteTree(d);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // A cache left behind costs disk, not correctness; the next copy tries again. Readers of
      // the same location on this machine remove the same old copy at once, so one of them finds
      // its files gone mid-walk (Files.walk reports that unchecked).
    }
  }
}
