package dev.reelbeam.io.docs;

import java.text.Normalizer;

/**
 * One spelling for the same text: Unicode NFC, {@code \n} line ends, no byte-order mark, no control
 * characters, tabs as spaces, no trailing blanks, at most one blank line in a row. Chunk ids hash
 * the normalised text, so a file saved with CRLF or a BOM keeps its chunks.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  public static String normalize(String raw) {
    String s = raw;
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    s = s.replace("\r\n", "\n").replace('\r', '\n');
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(s.length());
    int blankRun = 0;
    for (String line : s.split("\n", -1)) {
      String clean = cleanLine(line);
      if (clean.isEmpty()) {
        blankRun++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blankRun > 0 ? "\n\n" : "\n");
      }
      blankRun = 0;
      out.append(clean);
    }
    return out.toString();
  }

  private static String cleanLine(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t' || c == '\u00A0') {
        sb.append(' ');
      } else if (Character.getType(c) == Character.CONTROL || c == '\uFEFF') {
        // dropped: control characters carry no meaning for retrieval
      } else {
        sb.append(c);
      }
    }
    int end = sb.length();
    while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
      end--;
    }
    return sb.substring(0, end);
  }
}
