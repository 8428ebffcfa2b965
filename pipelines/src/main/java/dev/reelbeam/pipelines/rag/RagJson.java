package dev.reelbeam.pipelines.rag;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Jackson set up once: fields in the order they are put, pretty-printed, written atomically. */
final class RagJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /** Compact, for one-object-per-line files. */
  static final ObjectMapper LINE = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private RagJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static void write(Path target, Object value) throws IOException {
    // Unchanged files keep their bytes and cost no fsync (an unchanged rerun rewrites nothing).
    AtomicFiles.writeIfChanged(target, bytes(value));
  }

  /** The bytes {@link #write} writes: pretty JSON and a newline. */
  static byte[] bytes(Object value) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(value);
    byte[] withNewline = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    withNewline[bytes.length] = '\n';
    return withNewline;
  }
}
