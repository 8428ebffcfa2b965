package dev.reelbeam.transforms.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimecodeTest {

  @Test
  void knownNonDropFrameValues() {
    assertEquals("00:00:00:00", Timecode.format(0, 30));
    assertEquals("00:00:00:29", Timecode.format(29, 30));
    assertEquals("00:00:01:00", Timecode.format(30, 30));
    assertEquals("00:01:00:00", Timecode.format(1800, 30));
    assertEquals("01:00:00:00", Timecode.format(108_000, 30));
    assertEquals("00:00:01:00", Timecode.format(24, 24));
    assertEquals("02:00:00:01", Timecode.format(2L * 3600 * 24 + 1, 24));
    assertEquals("00:00:00:99", Timecode.format(99, 100));
    assertEquals("00:00:00:099", Timecode.format(99, 120));
  }

  @Test
  void everyFrameOfTwoHoursRoundTrips() {
    for (int timebase : new int[] {24, 30}) {
      long frames = 2L * 3600 * timebase;
      String previous = null;
      for (long f = 0; f < frames; f++) {
        String tc = Timecode.format(f, timebase);
        assertEquals(f, Timecode.parse(tc, timebase), tc);
        if (previous != null && tc.compareTo(previous) <= 0) {
          throw new AssertionError("not increasing: " + previous + " then " + tc);
        }
        previous = tc;
      }
    }
  }

  @Test
  void rejectsImpossibleTimecodes() {
    assertThrows(IllegalArgumentException.class, () -> Timecode.parse("00:00:00:30", 30));
    assertThrows(IllegalArgumentException.class, () -> Timecode.parse("00:60:00:00", 30));
    assertThrows(IllegalArgumentException.class, () -> Timecode.parse("00:00:00", 30));
    assertThrows(IllegalArgumentException.class, () -> Timecode.format(-1, 30));
  }

  @Test
  void fractionalRatesCountAtTheirTimebase() {
    FrameRate ntsc = FrameRate.of("30000/1001", 29.97);
    FrameRate film = FrameRate.of("24000/1001", 23.976);
    assertEquals(30, ntsc.timebase());
    assertEquals(24, film.timebase());
    assertEquals(30000.0 / 1001.0, ntsc.fps());
    assertEquals(new FrameRate(30000, 1001), FrameRate.ofFps(29.97));
    assertEquals(new FrameRate(24000, 1001), FrameRate.ofFps(23.976));
    assertEquals(new FrameRate(60000, 1001), FrameRate.of("", 59.94));
    assertEquals(new FrameRate(25, 1), FrameRate.of("50/2", 0));
    assertEquals(new FrameRate(25, 1), FrameRate.of("0/0", 25.0));
    assertEquals(new FrameRate(25, 2), FrameRate.ofFps(12.5));
    assertEquals(new FrameRate(25, 2), FrameRate.of("25/2", 12.5));
    // A variable-rate stream's odd average rate gives way to the snapped rate the cuts used.
    assertEquals(new FrameRate(30000, 1001), FrameRate.of("359640/12001", 30000.0 / 1001.0));
    assertEquals(new FrameRate(15, 1), FrameRate.of("90000/6001", 15.0));
    assertEquals(new FrameRate(1, 3), FrameRate.ofFps(1.0 / 3.0));
    assertEquals(new FrameRate(355, 113), FrameRate.closest(Math.PI, 200));
    assertThrows(IllegalArgumentException.class, () -> FrameRate.of(null, 0));
  }
}
