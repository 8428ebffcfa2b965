package dev.reelbeam.transforms.exports;

/**
 * SMPTE non-drop-frame timecode ({@code HH:MM:SS:FF}), the convention CMX 3600 EDLs declare with
 * {@code FCM: NON-DROP FRAME}.
 *
 * <p>Frames are counted, not timed: a timecode second holds {@link FrameRate#timebase()} frames
 * (30 at 29.97 fps, 24 at 23.976 fps), so frame {@code n} is always the same timecode and the
 * timecode always gives back {@code n}, exactly. At fractional rates the timecode therefore runs
 * 0.1% behind the wall clock (at 29.97 fps {@code 01:00:00:00} is frame 108,000, shown at
 * 3,603.6 s), which is what every editor reading a non-drop-frame list expects.
 *
 * <p>PySceneDetect's {@code save-edl} also declares {@code NON-DROP FRAME} but derives HH:MM:SS
 * from the wall-clock time and FF from the remainder; at 29.97 fps an editor reading its list as
 * non-drop-frame lands one frame later for every ~33 s of video. ReelBeam keeps the frame count
 * exact instead; at integer rates (24, 25, 30) the two agree. Drop-frame timecode is not written.
 */
public final class Timecode {

  private Timecode() {}

  /** The non-drop-frame timecode of {@code frame} at {@code timebase} frames per timecode second. */
  public static String format(long frame, int timebase) {
    if (frame < 0) {
      throw new IllegalArgumentException("negative frame " + frame);
    }
    if (timebase < 1) {
      throw new IllegalArgumentException("timebase must be at least 1: " + timebase);
    }
    long ff = frame % timebase;
    long totalSeconds = frame / timebase;
    int ffDigits = Math.max(2, Integer.toString(timebase - 1).length());
    StringBuilder tc = new StringBuilder(12);
    pad(tc, totalSeconds / 3600, 2).append(':');
    pad(tc, (totalSeconds / 60) % 60, 2).append(':');
    pad(tc, totalSeconds % 60, 2).append(':');
    return pad(tc, ff, ffDigits).toString();
  }

  private static StringBuilder pad(StringBuilder out, long value, int digits) {
    String text = Long.toString(value);
    for (int i = text.length(); i < digits; i++) {
      out.append('0');
    }
    return out.append(text);
  }

  /** The frame number of a non-drop-frame timecode {@code HH:MM:SS:FF}; the inverse of {@link #format}. */
  public static long parse(String timecode, int timebase) {
    String[] parts = timecode.trim().split("[:;.]");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a timecode HH:MM:SS:FF: " + timecode);
    }
    long hh = Long.parseLong(parts[0]);
    long mm = Long.parseLong(parts[1]);
    long ss = Long.parseLong(parts[2]);
    long ff = Long.parseLong(parts[3]);
    if (hh < 0 || mm < 0 || mm > 59 || ss < 0 || ss > 59 || ff < 0 || ff >= timebase) {
      throw new IllegalArgumentException("timecode out of range at " + timebase + " fps: " + timecode);
    }
    return ((hh * 60 + mm) * 60 + ss) * timebase + ff;
  }
}
