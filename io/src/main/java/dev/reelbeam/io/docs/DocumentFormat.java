package dev.reelbeam.io.docs;

import java.util.Locale;
import java.util.Optional;

/** The document formats the knowledge base reads, chosen by file extension. */
public enum DocumentFormat {
  MARKDOWN("markdown"),
  TEXT("text"),
  JSON("json"),
  YAML("yaml");

  private final String label;

  DocumentFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The format for {@code fileName}, or empty for files the knowledge base does not read. */
  public static Optional<DocumentFormat> of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".md") || name.endsWith(".markdown")) {
      return Optional.of(MARKDOWN);
    }
    if (name.endsWith(".txt") || name.endsWith(".text")) {
      return Optional.of(TEXT);
    }
    if (name.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Optional.of(YAML);
    }
    return Optional.empty();
  }
}
