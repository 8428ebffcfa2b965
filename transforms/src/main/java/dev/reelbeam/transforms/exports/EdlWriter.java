package dev.reelbeam.transforms.exports;

import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a cut list as a CMX 3600 edit decision list, one video event per shot, the shots butted
 * end to end on the record side, as PySceneDetect's {@code save-edl} does:
 *
 * <pre>
 * TITLE: film
 * FCM: NON-DROP FRAME
 *
 * 001  AX       V     C        00:00:00:00 00:00:03:12 00:00:00:00 00:00:03:12
 * * FROM CLIP NAME: film.mp4
 * * SOURCE FILE: /media/film.mp4
 * </pre>
 *
 * <p>Timecodes are SMPTE non-drop-frame counted at the rate's timebase ({@link Timecode}): exact
 * frame numbers at every rate, including 29.97 and 23.976. Source and record timecodes start at
 * {@code 00:00:00:00}; out points are exclusive, as CMX 3600 defines them. The {@code FROM CLIP
 * NAME} and {@code SOURCE FILE} comments let Premiere and Resolve link the events to the file.
 * Event numbers have three digits and widen past 999 (as the "File32"/"File128" variants readers
 * accept). The bytes depend only on the cut list.
 */
public final class EdlWriter {

  /** The reel name of every event (PySceneDetect's default; "auxiliary source"). */
  public static final String REEL = "AX";

  private EdlWriter() {}

  /** The EDL text. */
  public static String render(CutList cuts) {
    int timebase = cuts.rate().timebase();
    StringBuilder out = new StringBuilder(64 + cuts.shots().size() * 140);
    String title = oneLine(cuts.title());
    // CMX 3600 allows 70 characters of title.
    out.append("TITLE: ").append(title, 0, Math.min(title.length(), 70)).append('\n');
    out.append("FCM: NON-DROP FRAME\n\n");
    String clipName = oneLine(cuts.fileName());
    String source = oneLine(cuts.videoPath());
    long record = 0;
    int event = 0;
    for (CutList.Shot shot : cuts.shots()) {
      event++;
      long recordOut = record + shot.length();
      out.append(String.format("%03d  %-8s %-5s %-8s", event, REEL, "V", "C"))
          .append(' ')
          .append(Timecode.format(shot.startFrame(), timebase))
          .append(' ')
          .append(Timecode.format(shot.endFrame(), timebase))
          .append(' ')
          .append(Timecode.format(record, timebase))
          .append(' ')
          .append(Timecode.format(recordOut, timebase))
          .append('\n');
      out.append("* FROM CLIP NAME: ").append(clipName).append('\n');
      out.append("* SOURCE FILE: ").append(source).append('\n');
      record = recordOut;
    }
    return out.toString();
  }

  /** Writes the EDL to {@code target} atomically. */
  public static void write(CutList cuts, Path target) throws IOException {
    AtomicFiles.write(target, render(cuts).getBytes(StandardCharsets.UTF_8));
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ").trim();
  }
}
