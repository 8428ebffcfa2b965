package dev.reelbeam.transforms.exports;

import java.util.ArrayList;
import java.util.List;

/**
 * A small CMX 3600 reader for the tests: title, frame code mode, and the video events with their
 * four timecodes and comments. Independent of the writer: it splits on whitespace, as tolerant
 * readers (pycmx, OTIO's adapter) do.
 */
final class EdlReader {

  record Event(
      int number,
      String reel,
      String channels,
      String transition,
      String sourceIn,
      String sourceOut,
      String recordIn,
      String recordOut,
      List<String> comments) {}

  record Edl(String title, String frameCodeMode, List<Event> events) {}

  private EdlReader() {}

  static Edl parse(String text) {
    String title = null;
    String fcm = null;
    List<Event> events = new ArrayList<>();
    List<String> comments = null;
    for (String line : text.split("\n", -1)) {
      if (line.contains("\r")) {
        throw new AssertionError("carriage return in EDL");
      }
      if (line.startsWith("TITLE:")) {
        title = line.substring(6).trim();
      } else if (line.startsWith("FCM:")) {
        fcm = line.substring(4).trim();
      } else if (line.startsWith("*")) {
        if (comments == null) {
          throw new AssertionError("comment before the first event: " + line);
        }
        comments.add(line.substring(1).trim());
      } else if (!line.isBlank()) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 8) {
          throw new AssertionError("event line without 8 fields: " + line);
        }
        comments = new ArrayList<>();
        events.add(
            new Event(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], comments));
      }
    }
    return new Edl(title, fcm, events);
  }
}
