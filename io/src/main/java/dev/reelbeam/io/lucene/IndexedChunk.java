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
    implements Serializable {}
