package dev.reelbeam.io.subtitles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from what FFmpeg's subtitle decoders give: an ASS dialogue event
 * ({@code ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text}) whose text carries ASS
 * override blocks ({@code {\i1}}) and escapes ({@code \N}, {@code \h}), and sometimes HTML-like
 * tags and entities that got through ({@code <i>}, {@code &amp;}).
 */
public final class SubtitleText {
  private static final Pattern OVERRIDE = Pattern.compile("\\{[^}]*}");
  private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);");
  private static final Pattern TIMING = Pattern.compile(
      "^\\s*\\d{1,3}:\\d{1,2}(:\\d{1,2})?([.,]\\d{0,3})?\\s*-->.*$", Pattern.MULTILINE);

  private SubtitleText() {}

  /** The text field of an ASS dialogue event (after its eighth comma). */
  public static String assEventText(String event) {
    int commas = 0;
    for (int i = 0; i < event.length(); i++) {
      if (event.charAt(i) == ',' && ++commas == 8) {
        return event.substring(i + 1);
      }
    }
    return event; // not an event: already text
  }

  /** ASS event text to plain text: tags gone, line breaks as {@code \n}, blank lines dropped. */
  public static String plain(String assText) {
    String s = OVERRIDE.matcher(assText).replaceAll("");
    s = s.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", " ");
    s = TAG.matcher(s).replaceAll("");
    s = unescape(s);
    StringBuilder out = new StringBuilder();
    for (String line : s.replace("\r", "").split("\n")) {
      String l = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
      if (!l.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(l);
      }
    }
    return out.toString();
  }

  /** Whether {@code text} holds a line that looks like a cue's timing: a malformed cue got glued on. */
  public static boolean hasTimingLine(String text) {
    return TIMING.matcher(text).find();
  }

  static String unescape(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r = switch (e) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "nbsp" -> " ";
        default -> new String(Character.toChars(e.startsWith("#x")
            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
      };
      m.appendReplacement(sb, Matcher.quoteReplacement(r));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
