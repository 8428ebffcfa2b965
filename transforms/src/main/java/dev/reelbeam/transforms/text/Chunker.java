package dev.reelbeam.transforms.text;

import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.Section;
import dev.reelbeam.io.files.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a document into chunks of about {@code chunkSize} characters on paragraph and sentence
 * boundaries, each starting with the last {@code overlap} characters (whole words) of the one
 * before, never crossing a heading, and never longer than the model's token limit: a chunk over it
 * is split again at its middle sentence (or word).
 */
public final class Chunker {
  /** The seed's defaults. */
  public static final int DEFAULT_CHUNK_SIZE = 512;

  public static final int DEFAULT_OVERLAP = 50;

  private final int chunkSize;
  private final int overlap;
  private final int maxTokens;
  private final TokenCounter tokens;

  public Chunker(int chunkSize, int overlap, int maxTokens, TokenCounter tokens) {
    if (chunkSize < 32) {
      throw new IllegalArgumentException("chunk size must be at least 32 characters, got " + chunkSize);
    }
    if (overlap < 0 || overlap * 2 > chunkSize) {
      throw new IllegalArgumentException(
          "overlap must be between 0 and half the chunk size (" + chunkSize / 2 + "), got " + overlap);
    }
    if (maxTokens < 8) {
      throw new IllegalArgumentException("maxTokens must be at least 8, got " + maxTokens);
    }
    this.chunkSize = chunkSize;
    this.overlap = overlap;
    this.maxTokens = maxTokens;
    this.tokens = tokens;
  }

  /** The chunks of {@code doc}, in order. */
  public List<Chunk> chunk(Document doc) {
    List<Chunk> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Section s : doc.sections()) {
      String context = Chunk.contextLine(doc.title(), s.headings());
      for (String piece : pack(s.text())) {
        for (Fitted fitted : fitTokens(context, piece)) {
          String text = fitted.text();
          String id = id(doc.path(), context, text);
          int n = seen.merge(id, 1, Integer::sum);
          if (n > 1) {
            id = id + "-" + n; // the same text twice under the same heading
          }
          out.add(new Chunk(id, doc.docId(), doc.path(), out.size(), doc.title(), s.headings(),
              text, doc.metadata(), fitted.tokens()));
        }
      }
    }
    return out;
  }

  /** First 16 hex digits of SHA-256 over path, heading context and text. */
  static String id(String path, String context, String text) {
    MessageDigest sha = Sha256.digest();
    sha.update(path.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(context.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest(), 0, 8);
  }

  /** A unit of packing: a sentence (or a piece of an over-long one) and whether a paragraph starts. */
  private record Unit(String text, boolean paragraphStart) {}

  /** Greedy packing of sentences into chunks of at most {@code chunkSize} characters. */
  List<String> pack(String text) {
    List<Unit> units = new ArrayList<>();
    for (String para : text.split("\n\n")) {
      boolean first = true;
      for (String sentence : sentences(para)) {
        for (String piece : splitLong(sentence, chunkSize)) {
          units.add(new Unit(piece, first));
          first = false;
        }
      }
    }
    List<String> chunks = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean curHasNew = false;
    for (Unit u : units) {
      String sep = cur.length() == 0 ? "" : (u.paragraphStart ? "\n\n" : " ");
      if (curHasNew && cur.length() + sep.length() + u.text.length() > chunkSize) {
        chunks.add(cur.toString());
        String tail = tail(cur.toString(), Math.min(overlap, chunkSize - u.text.length() - 1));
        cur.setLength(0);
        cur.append(tail);
        curHasNew = false;
        sep = cur.length() == 0 ? "" : (u.paragraphStart ? "\n\n" : " ");
      }
      cur.append(sep).append(u.text);
      curHasNew = true;
    }
    if (curHasNew) {
      chunks.add(cur.toString());
    }
    return chunks;
  }

  /** The last whole words of {@code text} within {@code max} characters. */
  static String tail(String text, int max) {
    if (max <= 0 || text.isEmpty()) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int start = text.length() - max;
    while (start < text.length() && !Character.isWhitespace(text.charAt(start - 1))) {
      start++;
    }
    return text.substring(start).strip();
  }

  static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(paragraph);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String s = paragraph.substring(start, end).strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Splits a sentence longer than {@code max} at word boundaries (a giant word is cut). */
  static List<String> splitLong(String sentence, int max) {
    List<String> out = new ArrayList<>();
    String rest = sentence;
    while (rest.length() > max) {
      int cut = rest.lastIndexOf(' ', max);
      if (cut <= max / 2) {
        cut = max;
      }
      out.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /** A piece of text that fits, and its token count with the context line (counted once). */
  private record Fitted(String text, int tokens) {}

  /**
   * Splits {@code text} until each piece, with its context line, fits the model's token limit.
   * The count that decided a piece fits is the chunk's token count: each chunk is tokenised once.
   */
  private List<Fitted> fitTokens(String context, String text) {
    int count = tokens.count(context + "\n\n" + text);
    if (count <= maxTokens) {
      return List.of(new Fitted(text, count));
    }
    int mid = middleBreak(text);
    if (mid <= 0 || mid >= text.length()) {
      // One unbreakable run of characters; the embedder truncates it at the model's limit.
      return List.of(new Fitted(text, count));
    }
    List<Fitted> out = new ArrayList<>(fitTokens(context, text.substring(0, mid).strip()));
    out.addAll(fitTokens(context, text.substring(mid).strip()));
    return out;
  }

  /** The sentence boundary nearest the middle, else the space nearest it, else the middle. */
  private static int middleBreak(String text) {
    int half = text.length() / 2;
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(text);
    int best = -1;
    for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
      if (b > 0 && b < text.length() && (best < 0 || Math.abs(b - half) < Math.abs(best - half))) {
        best = b;
      }
    }
    if (best > 0) {
      return best;
    }
    int space = text.lastIndexOf(' ', half);
    if (space <= 0) {
      space = text.indexOf(' ', half);
    }
    return space > 0 ? space : half;
  }
}
