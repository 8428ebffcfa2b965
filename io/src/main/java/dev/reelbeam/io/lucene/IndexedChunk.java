package dev.reelbeam.io.lucene;

import java.io.Serializable;

/**
 * One chunk as the knowledge base stores it.
 *
 * @param chunkId stable hash of the document path and the chunk's text
 * @param docId the document's id
 * @param docPath the document's path below the documents root
 * @param ordinal position of the chunk in its document
 * @param title the document's title
 * @param headings the heading path above the chunk, joined with {@code " > "}
 * @param text the chunk's text
 * @param metadataJson the document's metadata as a JSON object
 * @param vector the chunk's embedding
 */
public record IndexedChunk(
    String chunkId,
    String docId,
    String docPath,
    int ordinal,
    String title,
    String headings,
    String text,
    String metadataJson,
    float[] vector)
    implements Serializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexedChunk c
        && ordinal == c.ordinal
        && chunkId.equals(c.chunkId)
        && docId.equals(c.docId)
        && docPath.equals(c.docPath)
        && title.equals(c.title)
        && headings.equals(c.headings)
        && text.equals(c.text)
        && metadataJson.equals(c.metadataJson)
        && java.util.Arrays.equals(vector, c.vector);
  }

  @Override
  public int hashCode() {
    return chunkId.hashCode() * 31 + java.util.Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "IndexedChunk[" + chunkId + ", " + docPath + "#" + ordinal + "]";
  }
}
