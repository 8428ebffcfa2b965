package dev.reelbeam.io.docs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns normalised text into a {@link Document}: Markdown by its headings (front matter becomes
 * metadata), JSON and YAML rendered as readable {@code Key: value} lines under one heading per
 * nested object, plain text as one section.
 */
final class DocumentParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__)(.+?)\\1");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");
  private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

  private DocumentParser() {}

  static Document parse(
      String path, String docId, DocumentFormat format, String text, String sha256, long bytes)
      throws BadDocumentException {
    return switch (format) {
      case MARKDOWN -> markdown(path, docId, text, sha256, bytes);
      case TEXT -> new Document(path, docId, format.label(), stem(path), Map.of(),
          List.of(new Section(List.of(), text)), sha256, bytes);
      case JSON -> structured(path, docId, format, parseTree(JSON, "JSON", text), sha256, bytes);
      case YAML -> structured(path, docId, format, parseTree(YAML, "YAML", text), sha256, bytes);
    };
  }

  private static JsonNode parseTree(ObjectMapper mapper, String kind, String text)
      throws BadDocumentException {
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw new BadDocumentException("the " + kind + " document is empty");
      }
      return node;
    } catch (JacksonException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new BadDocumentException("malformed " + kind + where + ": " + e.getOriginalMessage(), e);
    }
  }

  // ---- Markdown

  private static Document markdown(String path, String docId, String text, String sha256, long bytes)
      throws BadDocumentException {
    Map<String, String> metadata = new TreeMap<>();
    String body = text;
    if (text.startsWith("---\n")) {
      int end = text.indexOf("\n---", 4);
      if (end > 0) {
        JsonNode front = parseTree(YAML, "YAML front matter", text.substring(4, end));
        if (front.isObject()) {
          scalars(front, "", metadata);
        }
        int after = text.indexOf('\n', end + 4);
        body = after < 0 ? "" : text.substring(after + 1);
      }
    }
    List<Section> sections = new ArrayList<>();
    List<String> headings = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String firstH1 = null;
    boolean inFence = false;
    for (String line : body.split("\n", -1)) {
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
        continue;
      }
      Matcher h = inFence ? null : HEADING.matcher(line);
      if (h != null && h.matches()) {
        flush(sections, headings, current);
        int level = h.group(1).length();
        String title = inline(h.group(2));
        if (level == 1 && firstH1 == null) {
          firstH1 = title;
        }
        while (headings.size() >= level) {
          headings.remove(headings.size() - 1);
        }
        while (headings.size() < level - 1) {
          headings.add("");
        }
        headings.add(title);
        continue;
      }
      current.append(inFence ? line : inline(line)).append('\n');
    }
    flush(sections, headings, current);
    String title = firstNonBlank(metadata.get("title"), metadata.get("name"), firstH1, stem(path));
    if (sections.isEmpty()) {
      throw new BadDocumentException("the Markdown file has headings but no text");
    }
    return new Document(path, docId, DocumentFormat.MARKDOWN.label(), title, metadata, sections,
        sha256, bytes);
  }

  private static void flush(List<Section> sections, List<String> headings, StringBuilder current) {
    String text = TextNormalizer.normalize(current.toString());
    current.setLength(0);
    if (!text.isEmpty()) {
      List<String> path = new ArrayList<>();
      for (String h : headings) {
        if (!h.isEmpty()) {
          path.add(h);
        }
      }
      sections.add(new Section(path, text));
    }
  }

  private static String inline(String line) {
    String s = IMAGE.matcher(line).replaceAll("$1");
    s = LINK.matcher(s).replaceAll("$1");
    s = EMPHASIS.matcher(s).replaceAll("$2");
    s = CODE.matcher(s).replaceAll("$1");
    s = HTML_TAG.matcher(s).replaceAll("");
    return s;
  }

  // ---- JSON and YAML

  private static Document structured(
      String path, String docId, DocumentFormat format, JsonNode root, String sha256, long bytes)
      throws BadDocumentException {
    Map<String, String> metadata = new TreeMap<>();
    if (root.isObject()) {
      scalars(root, "", metadata);
    }
    List<Section> sections = new ArrayList<>();
    render(root, new ArrayList<>(), sections);
    if (sections.isEmpty()) {
      throw new BadDocumentException("the " + format.label().toUpperCase(Locale.ROOT)
          + " document holds no text (only empty objects or arrays)");
    }
    String title = firstNonBlank(metadata.get("title"), metadata.get("name"),
        metadata.get("film_name"), stem(path));
    return new Document(path, docId, format.label(), title, metadata, sections, sha256, bytes);
  }

  /** Top-level scalar fields (and scalar lists, comma-joined) as metadata. */
  private static void scalars(JsonNode obj, String prefix, Map<String, String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        out.put(prefix + e.getKey(), v.asText());
      } else if (v.isArray() && allScalars(v)) {
        out.put(prefix + e.getKey(), joinScalars(v));
      }
    }
  }

  /** One section per object: its scalar fields as lines, nested objects as sub-headings. */
  private static void render(JsonNode node, List<String> headings, List<Section> sections) {
    if (node.isValueNode()) {
      if (!node.isNull() && !node.asText().isBlank()) {
        sections.add(new Section(headings, TextNormalizer.normalize(node.asText())));
      }
      return;
    }
    if (node.isArray()) {
      if (allScalars(node)) {
        if (node.size() > 0) {
          sections.add(new Section(headings, TextNormalizer.normalize(joinScalars(node))));
        }
        return;
      }
      int i = 0;
      for (JsonNode item : node) {
        i++;
        List<String> h = new ArrayList<>(headings);
        h.add(itemLabel(item, i));
        render(item, h, sections);
      }
      return;
    }
    StringBuilder lines = new StringBuilder();
    Map<String, JsonNode> nested = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (v.isValueNode()) {
        String text = v.asText();
        if (text.contains("\n") || text.length() > 200) {
          lines.append(humanize(e.getKey())).append(":\n").append(text).append("\n\n");
        } else {
          lines.append(humanize(e.getKey())).append(": ").append(text).append('\n');
        }
      } else if (v.isArray() && allScalars(v)) {
        if (v.size() > 0) {
          lines.append(humanize(e.getKey())).append(": ").append(joinScalars(v)).append('\n');
        }
      } else {
        nested.put(e.getKey(), v);
      }
    }
    String text = TextNormalizer.normalize(lines.toString());
    if (!text.isEmpty()) {
      sections.add(new Section(headings, text));
    }
    for (Map.Entry<String, JsonNode> e : nested.entrySet()) {
      List<String> h = new ArrayList<>(headings);
      h.add(humanize(e.getKey()));
      render(e.getValue(), h, sections);
    }
  }

  private static String itemLabel(JsonNode item, int index) {
    for (String key : List.of("name", "title", "id")) {
      if (item.path(key).isValueNode() && !item.path(key).asText().isBlank()) {
        return item.path(key).asText();
      }
    }
    return "Item " + index;
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static String joinScalars(JsonNode array) {
    List<String> parts = new ArrayList<>();
    for (JsonNode n : array) {
      if (!n.isNull()) {
        parts.add(n.asText());
      }
    }
    return String.join(", ", parts);
  }

  /** {@code film_name} and {@code filmName} read as "Film name". */
  static String humanize(String key) {
    String s = key.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').trim();
    if (s.isEmpty()) {
      return key;
    }
    s = s.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String stem(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return "";
  }
}
