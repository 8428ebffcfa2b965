package dev.reelbeam.io.lucene;

/**
 * One ranked answer to a query.
 *
 * @param rank 1 for the best
 * @param score the mode's score: cosine-based similarity, BM25, or fused reciprocal rank
 * @param metadataJson the chunk's document metadata as a JSON object (a scene's video, times and
 *     keyframes)
 */
public record SearchHit(
    int rank,
    double score,
    String chunkId,
    String docPath,
    int ordinal,
    String title,
    String headings,
    String text,
    String metadataJson) {}
