package dev.reelbeam.pipelines.rag;

import dev.reelbeam.pipelines.ReelBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Knowledge-base flags beyond {@link ReelBeamOptions}; every one has the seed's default. */
public interface RagOptions extends ReelBeamOptions {

  @Description("Target chunk length in characters (paragraph and sentence boundaries).")
  @Default.Integer(512)
  int getChunkSize();

  void setChunkSize(int value);

  @Description("Characters (whole words) each chunk repeats from the end of the previous one.")
  @Default.Integer(50)
  int getChunkOverlap();

  void setChunkOverlap(int value);

  @Description("Chunks per ONNX Runtime call.")
  @Default.Integer(32)
  int getEmbedBatchSize();

  void setEmbedBatchSize(int value);

  @Description("Index each analysed scene (times, camera movement, composition, keyframes, subtitle lines)"
      + " and each scene's subtitle cues as documents of the knowledge base; on by default"
      + " (run builds the knowledge base even without --docs; stage3 indexes the scenes found under --output).")
  @Default.Boolean(true)
  boolean getIndexScenes();

  void setIndexScenes(boolean value);

  @Description("Largest document in bytes; a larger file becomes an error record (read no further).")
  @Default.Long(8L * 1024 * 1024)
  long getMaxDocBytes();

  void setMaxDocBytes(long value);
}
