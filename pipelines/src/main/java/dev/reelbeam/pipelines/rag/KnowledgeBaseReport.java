package dev.reelbeam.pipelines.rag;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What one knowledge-base write did, for {@code rag_summary.json} and the command's last line.
 *
 * @param knowledgeBase the Lucene index directory (a URI on a remote output)
 * @param documents documents indexed
 * @param chunks chunks in the index
 * @param embedded chunks embedded by this run
 * @param reused chunks whose vectors came from the previous index
 * @param removed chunks of the previous index that are gone (changed or deleted documents)
 * @param errors error records (bad documents), as {@code "<path>: <message>"}
 * @param model model name
 * @param dimension vector length
 * @param pooling pooling mode
 * @param normalized whether vectors are unit length
 */
@DefaultCoder(KnowledgeBaseReportCoder.class)
public record KnowledgeBaseReport(
    String knowledgeBase,
    int documents,
    int chunks,
    int embedded,
    int reused,
    int removed,
    List<String> errors,
    String model,
    int dimension,
    String pooling,
    boolean normalized)
    implements Serializable {

  public KnowledgeBaseReport {
    errors = List.copyOf(errors);
  }

  /** The same report for the index published at {@code location} (a remote output's). */
  public KnowledgeBaseReport at(String location) {
    return new KnowledgeBaseReport(location, documents, chunks, embedded, reused, removed, errors,
        model, dimension, pooling, normalized);
  }

  /** Nothing was embedded or removed: the index holds what it held. */
  public boolean unchanged() {
    return embedded == 0 && removed == 0;
  }
}
