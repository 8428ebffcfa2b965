package dev.reelbeam.transforms.text;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A piece of a document small enough to embed, with where it came from.
 *
 * @param chunkId stable hash of the document path, the heading path and the text
 * @param docId the document's id
 * @param docPath the document's path below the documents root
 * @param ordinal position in the document, from 0
 * @param title the document's title
 * @param headings the heading path above the chunk, outermost first
 * @param text the chunk's text
 * @param metadata the document's metadata
 * @param tokens tokens the model sees for {@link #embeddingText()} (special tokens included)
 */
public record Chunk(
    String chunkId,
    String docId,
    String docPath,
    int ordinal,
    String title,
    List<String> headings,
    String text,
    Map<String, String> metadata,
    int tokens)
    implements Serializable {

  public Chunk {
    headings = List.copyOf(headings);
    metadata = new TreeMap<>(metadata);
  }

  /** The heading path joined with {@code " > "}. */
  public String headingPath() {
    return String.join(" > ", headings);
  }

  /**
   * What the model embeds: the title and heading path, then the text. A character sheet's
   * "Appearance" paragraph rarely names the character; the context line does.
   */
  public String embeddingText() {
    return contextLine(title, headings) + "\n\n" + text;
  }

  static String contextLine(String title, List<String> headings) {
    StringBuilder sb = new StringBuilder(title == null ? "" : title);
    for (int i = 0; i < headings.size(); i++) {
      String h = headings.get(i);
      if (i == 0 && h.equalsIgnoreCase(title)) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(" > ");
      }
      sb.append(h);
    }
    return sb.toString();
  }
}
