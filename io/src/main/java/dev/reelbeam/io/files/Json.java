package dev.reelbeam.io.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON dialect of ReelBeam's outputs: two-space indent, '\n' line ends on every platform,
 * fields in the order they were put (callers build {@link ObjectNode}s field by field), map keys
 * sorted where maps are serialised, a final newline. The same tree always gives the same bytes.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  /** The shared mapper (thread-safe); use it to build and read trees. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new empty object; fields keep the order in which they are put. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Deterministic pretty bytes of {@code value} (a tree or a plain object), newline-terminated. */
  public static byte[] bytes(Object value) {
    try {
      String text = MAPPER.writer(PRINTER).writeValueAsString(value);
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} to {@code target} atomically (see {@link AtomicFiles}). */
  public static void write(Path target, Object value) throws IOException {
    AtomicFiles.write(target, bytes(value));
  }

  /** Reads a JSON file into a tree. */
  public static JsonNode read(Path file) throws IOException {
    return MAPPER.readTree(Files.readAllBytes(file));
  }
}
