package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calls the row-sliced conversion makes cover every row the downscale reads and, at the usual
 * sizes, nothing else (the bytes themselves: {@code LazyDecoderTest}).
 */
class RowSliceConverterTest {

  @ParameterizedTest
  @CsvSource({"1080, 144, 288", "720, 144, 288", "2160, 144, 288", "544, 109, 218", "480, 192, 384"})
  void convertsTheRowsTheDownscaleReads(int h, int dh, int converted) {
    int[] read = RowSliceConverter.rowsRead(h, dh);
    Set<Integer> covered = new HashSet<>();
    int rows = 0;
    for (int[] run : RowSliceConverter.runsOf(read, h)) {
      boolean straddles = run[2] == 1;
      if (straddles) {
        assertEquals(1, run[0] % 2, "a 4:2:2 pair starts on an odd row");
        assertEquals(2, run[1]);
      } else {
        assertEquals(0, run[0] % 2, "a 4:2:0 run starts on an even row");
        assertEquals(0, run[1] % 2, "a 4:2:0 run is whole pairs");
      }
      assertTrue(run[0] >= 0 && run[0] + run[1] <= h);
      for (int r = run[0]; r < run[0] + run[1]; r++) {
        assertTrue(covered.add(r), "row " + r + " converted twice");
      }
      rows += run[1];
    }
    for (int r : read) {
      assertTrue(covered.contains(r), "row " + r + " is read but not converted");
    }
    assertEquals(converted, rows);
  }
}
