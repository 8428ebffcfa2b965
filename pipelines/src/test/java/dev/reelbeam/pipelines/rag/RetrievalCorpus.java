package dev.reelbeam.pipelines.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the labelled retrieval corpus from {@code ../shared/text}: As You Like It cut into its
 * scenes (plus the cast list), and one Markdown document per TV Tropes character type from the
 * CMU Movie Summary Corpus. Written at test time; nothing of the texts is copied into the repo.
 */
final class RetrievalCorpus {
  private static final Pattern SCENE = Pattern.compile("(?m)^ACT ([IVX]+)\\s+SCENE ([IVX]+)[ \\t]+(.*)$");

  private RetrievalCorpus() {}

  static Path shared() {
    String prop = System.getProperty("reelbeam.shared");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolveSibling("shared").resolve("text"))) {
        return dir.resolveSibling("shared");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("../shared not found; set -Dreelbeam.shared");
  }

  static void write(Path root) throws IOException {
    writePlay(root.resolve("play"));
    writeTropes(root.resolve("tropes"));
  }

  private static void writePlay(Path dir) throws IOException {
    Files.createDirectories(dir);
    String play = Files.readString(shared().resolve("text/asyoulik.txt"), StandardCharsets.US_ASCII)
        .replace("\r\n", "\n");
    int firstAct = play.indexOf("\nACT I\n");
    Files.writeString(dir.resolve("cast_list.txt"),
        "As You Like It: the cast (dramatis personae)\n\n" + play.substring(0, firstAct).strip() + "\n");
    Matcher m = SCENE.matcher(play);
    List<int[]> starts = new java.util.ArrayList<>();
    List<String[]> names = new java.util.ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start()});
      names.add(new String[] {m.group(1), m.group(2), m.group(3).strip()});
    }
    if (starts.size() != 22) {
      throw new IllegalStateException("expected 22 scenes, found " + starts.size());
    }
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : play.length();
      String[] n = names.get(i);
      String body = play.substring(starts.get(i)[0], end).strip();
      String file = "act" + roman(n[0]) + "_scene" + roman(n[1]) + ".txt";
      Files.writeString(dir.resolve(file),
          "As You Like It, Act " + n[0] + ", Scene " + n[1] + ": " + n[2] + "\n\n" + body + "\n");
    }
  }

  private static void writeTropes(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    Map<String, StringBuilder> byType = new TreeMap<>();
    for (String line : Files.readAllLines(
        shared().resolve("text/cmu_movie_summary/tvtropes.clusters.txt"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String type = line.substring(0, tab);
      JsonNode c = json.readTree(line.substring(tab + 1));
      byType.computeIfAbsent(type, t -> new StringBuilder())
          .append("- ").append(c.path("char").asText()).append(" in the film ")
          .append(c.path("movie").asText()).append(", played by ")
          .append(c.path("actor").asText()).append(".\n");
    }
    for (Map.Entry<String, StringBuilder> e : byType.entrySet()) {
      String label = e.getKey().replace('_', ' ');
      String title = Character.toUpperCase(label.charAt(0)) + label.substring(1);
      Files.writeString(dir.resolve(e.getKey() + ".md"),
          "# " + title + "\n\nFilm characters of the type \"" + label.toLowerCase(Locale.ROOT)
              + "\" (TV Tropes):\n\n" + e.getValue());
    }
  }

  static int roman(String r) {
    Map<Character, Integer> v = Map.of('I', 1, 'V', 5, 'X', 10);
    int total = 0;
    for (int i = 0; i < r.length(); i++) {
      int cur = v.get(r.charAt(i));
      int next = i + 1 < r.length() ? v.get(r.charAt(i + 1)) : 0;
      total += cur < next ? -cur : cur;
    }
    return total;
  }
}
