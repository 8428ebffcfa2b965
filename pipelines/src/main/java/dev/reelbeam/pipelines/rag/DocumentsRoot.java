package dev.reelbeam.pipelines.rag;

import dev.reelbeam.io.files.Locations;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Where {@code --docs} lives: a local directory (an absolute path, as before) or a folder on another
 * Beam filesystem ({@code hdfs://nn:8020/docs}, {@code s3://bucket/docs}). A document's id is its
 * path under this root, so the same files give the same ids, chunk ids and reuse on any filesystem.
 */
final class DocumentsRoot {
  private DocumentsRoot() {}

  /**
   * {@code docs} as the transforms name it: a local path made absolute and normalised before the
   * graph is built (a Flink TaskManager has another working directory), a {@code file:} URI as its
   * path, and a remote URI as given without its trailing slashes.
   */
  static String normalize(String docs) {
    if (Locations.isRemote(docs)) {
      return docs.replaceAll("/+$", "");
    }
    Path p = docs.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(docs)) : Path.of(docs);
    return p.toAbsolutePath().normalize().toString();
  }

  /**
   * The pattern that lists every file under a normalised root: {@code root/**} locally; {@code
   * root**} elsewhere, because Beam's Hadoop filesystem recurses for that form and finds nothing for
   * {@code root/**} (it also matches siblings such as {@code root2/}: {@link #relative} drops them).
   */
  static String pattern(String root) {
    return Locations.isRemote(root) ? root + "**" : root + "/**";
  }

  /**
   * {@code file}'s path under {@code root}, with '/' separators; null when a remote file is not
   * beneath it. A remote root and file are compared by their paths alone (URI-decoded), so that
   * {@code hdfs:///docs} and the {@code hdfs://nn:8020/docs/a.md} Hadoop lists agree.
   */
  static String relative(String root, String file) {
    if (Locations.isRemote(root)) {
      String r = path(root);
      String f = path(file);
      return f.startsWith(r + "/") ? f.substring(r.length() + 1) : null;
    }
    String f = file.replace('\\', '/');
    String r = root.replace('\\', '/');
    if (f.startsWith("file:")) {
      f = Path.of(URI.create(f)).toString();
    }
    if (f.startsWith(r + "/")) {
      return f.substring(r.length() + 1);
    }
    return f.substring(f.lastIndexOf('/') + 1);
  }

  /** The path part of a URI, decoded; a string that is no valid URI loses its scheme and authority. */
  private static String path(String uri) {
    String s = uri.replaceAll("/+$", "");
    try {
      String p = new URI(s).getPath();
      if (p != null) {
        return p.replaceAll("/+$", "");
      }
    } catch (URISyntaxException e) {
      // A root typed with spaces ("hdfs://nn/my docs"): compare it as written.
    }
    return s.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
  }

  /**
   * Refuses a root that cannot be a folder of documents, before anything runs: a local path that
   * is not a directory; a remote one that cannot be listed, or under which there is no file (an
   * object store has no empty folders, so a remote folder is seen through the files beneath it).
   */
  static void check(String root) {
    if (!Locations.isRemote(root)) {
      if (!Files.isDirectory(Path.of(root))) {
        throw new IllegalArgumentException("--docs=" + root + " is not a directory");
      }
      return;
    }
    try {
      MatchResult m = FileSystems.match(pattern(root), EmptyMatchTreatment.ALLOW);
      if (m.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata md : m.metadata()) {
          if (relative(root, md.resourceId().toString()) != null) {
            return;
          }
        }
      } else if (m.status() != MatchResult.Status.NOT_FOUND) {
        throw new IllegalArgumentException("--docs=" + root + " cannot be listed: " + m.status());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--docs=" + root + " cannot be listed: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("--docs=" + root + " is not a folder with files in it");
  }
}
