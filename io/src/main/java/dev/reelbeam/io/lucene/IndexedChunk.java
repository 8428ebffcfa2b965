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
 * @param docSha256 SHA-256 of the document's bytes ("" when unknown): a rerun whose document has
 *     the same hash reuses the document's chunks as they are, without chunking it again
 * @param tokens tokens the model saw for the chunk
 * @param headingList the heading path as a list (what {@link #headings} joins)
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
    float[] vector,
    String docSha256,
    int tokens,
    java.util.List<String> headingList)
    implements Serializable {

  public IndexedChunk {
    docSha256 = docSha256 == null ? "" : docSha256;
    headingList = java.util.List.copyOf(headingList);
  }

  /** A chunk without its document's hash: never reused as part of an unchanged document. */
  public IndexedChunk(String chunkId, String docId, String docPath, int ordinal, String title,
      String headings, String text, String metadataJson, float[] vector) {
    this(chunkId, docId, docPath, ordinal, title, headings, text, metadataJson, vector, "", 0,
        headings.isEmpty() ? java.util.List.of() : java.util.List.of(headings.split(" > ", -1)));
  }

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
        && docSha256.equals(c.docSha256)
        && tokens == c.tokens
        && headingList.equals(c.headingList)
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
