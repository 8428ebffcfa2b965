package dev.reelbeam.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pictures the row-sliced conversion converts cover every row the downscale reads, with even
 * heights and steps, and few others, in a few calls at the usual sizes (the bytes themselves:
 * {@code LazyDecoderTest}).
 */
class RowSliceConverterTest {

  @ParameterizedTest
  @CsvSource({
    "1080, 144, 8", "720, 144, 4", "2160, 144, 8", "544, 109, 16", "272, 109, 24", "480, 192, 16"
  })
  void convertsTheRowsTheDownscaleReads(int h, int dh, int mostCalls) {
    int[] read = RowSliceConverter.rowsRead(h, dh);
    Set<Integer> covered = new HashSet<>();
    int[][] groups = RowSliceConverter.groupsOf(read, h);
    Set<Integer> readSet = new HashSet<>();
    for (int r : read) {
      readSet.add(r);
    }
    int extra = 0;
    for (int[] g : groups) {
      assertEquals(0, g[2] % 2, "an even step: each row meets its own chroma row");
      assertEquals(0, g[1] % 2, "an even height: swscale's fast converter");
      assertTrue(g[0] >= 0 && g[0] + (g[1] - 1) * g[2] < h);
      for (int i = 0; i < g[1]; i++) {
        int row = g[0] + i * g[2];
        if (!covered.add(row) || !readSet.contains(row)) {
          extra++; // the partner of a lone row
        }
      }
    }
    for (int r : read) {
      assertTrue(covered.contains(r), "row " + r + " is read but not converted");
    }
    assertTrue(covered.containsAll(readSet) && extra <= groups.length, extra + " rows converted for nothing");
    assertTrue(groups.length <= mostCalls, groups.length + " calls");
  }
}
