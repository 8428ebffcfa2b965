package dev.reelbeam.io.docs;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A document read and normalised for the knowledge base.
 *
 * @param path path relative to the documents root, with {@code /} separators (stable across machines)
 * @param docId file name plus a short hash of {@link #path}
 * @param format {@code markdown}, {@code text}, {@code json} or {@code yaml}
 * @param title front matter title or name, the first heading, or the file name
 * @param metadata front matter (Markdown) or top-level scalar fields (JSON, YAML), sorted by key
 * @param sections the text under each heading path, in document order
 * @param sha256 SHA-256 of the file's bytes
 * @param bytes the file's size
 */
public record Document(
    String path,
    String docId,
    String format,
    String title,
    Map<String, String> metadata,
    List<Section> sections,
    String sha256,
    long bytes)
    implements Serializable {

  public Document {
    metadata = new TreeMap<>(metadata);
    sections = List.copyOf(sections);
  }

  /** The normalised document as one text: each heading path on its own line before its text. */
  public String normalizedText() {
    StringBuilder sb = new StringBuilder();
    List<String> last = List.of();
    for (Section s : sections) {
      if (!s.headings().equals(last) && !s.headings().isEmpty()) {
        if (sb.length() > 0) {
          sb.append("\n\n");
        }
        sb.append("#".repeat(s.headings().size())).append(' ')
            .append(s.headings().get(s.headings().size() - 1));
        last = s.headings();
      }
      if (!s.text().isEmpty()) {
        if (sb.length() > 0) {
          sb.append("\n\n");
        }
        sb.append(s.text());
      }
    }
    return sb.append('\n').toString();
  }
}
