package dev.reelbeam.pipelines.rag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A document collection the size of a real film's side documents (by default 1,398 Markdown files,
 * about 4,400 chunks), generated from the shared texts: each document is titled with a film
 * character's name from the CMU Movie Summary Corpus and holds one to three sections of As You
 * Like It taken at a deterministic offset. Only its size and shape matter (for timing stage 3);
 * the same arguments always give the same bytes, so a benchmark is repeatable.
 */
final class BenchCollection {
  private BenchCollection() {}

  /** Writes {@code count} documents under {@code dir} (replacing none that exist with other bytes). */
  static List<Path> write(Path shared, Path dir, int count) throws IOException {
    String play = Files.readString(shared.resolve("text/asyoulik.txt"), StandardCharsets.US_ASCII)
        .replace("\r\n", "\n");
    List<String> names = names(shared);
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = names.get(i % names.size()) + (i >= names.size() ? " (" + (i / names.size() + 1) + ")" : "");
      StringBuilder md = new StringBuilder("# ").append(name).append("\n\n");
      int sections = 1 + i % 3;
      for (int s = 0; s < sections; s++) {
        // 500-1,400 characters per section, cut at line ends; offsets spread over the whole play.
        int length = 500 + (int) ((i * 389L + s * 151L) % 900);
        int start = (int) ((i * 7_919L + s * 104_729L) % (play.length() - length - 1));
        int from = play.indexOf('\n', start) + 1;
        int to = play.lastIndexOf('\n', from + length);
        String text = to > from ? play.substring(from, to) : play.substring(from, from + length);
        md.append("## Part ").append(s + 1).append("\n\n").append(paragraphs(text)).append("\n\n");
      }
      Path f = dir.resolve(String.format("doc%04d.md", i));
      byte[] bytes = md.toString().getBytes(StandardCharsets.UTF_8);
      if (!Files.isRegularFile(f) || !java.util.Arrays.equals(Files.readAllBytes(f), bytes)) {
        Files.write(f, bytes);
      }
      out.add(f);
    }
    return out;
  }

  /** The play's speeches as prose paragraphs (its lines joined), as side documents read. */
  private static String paragraphs(String verse) {
    StringBuilder sb = new StringBuilder();
    for (String block : verse.strip().split("\n\\s*\n")) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(block.strip().replaceAll("\\s*\n\\s*", " "));
    }
    return sb.toString();
  }

  private static List<String> names(Path shared) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (String line : Files.readAllLines(
        shared.resolve("text/cmu_movie_summary/name.clusters.txt"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        names.add(line.substring(0, tab).strip());
      }
    }
    if (names.isEmpty()) {
      throw new IOException("no character names in " + shared.resolve("text/cmu_movie_summary"));
    }
    return new ArrayList<>(names);
  }
}
