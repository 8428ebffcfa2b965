package dev.reelbeam.transforms.scenes;

import dev.reelbeam.transforms.model.KeyframeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Marks repeated keyframes: a pick whose perceptual hash lies within {@link #MAX_DISTANCE} bits of
 * an earlier (in time) pick of the same video that is itself no duplicate becomes a duplicate of the
 * earliest such pick. Repeated shots, shot/reverse-shot and a static scene's three picks are caught;
 * with {@code dedup} duplicates are listed but not written.
 *
 * <p>Why 12 bits of 64 (measured on the shared clips' keyframes, src/site/markdown/analysis.md): the
 * same picture in two files lies 0-1 bits apart, a frame re-encoded at JPEG quality 40 or 25 grey
 * levels brighter within 4; keyframes of different shots lie 18 bits apart or more (22 within one
 * video), mostly near 32 (unrelated hashes agree on half their bits).
 */
public final class KeyframeDuplicates {
  /** Largest Hamming distance of two hashes of the same picture. */
  public static final int MAX_DISTANCE = 12;

  private KeyframeDuplicates() {}

  /** The picks, in the order given, with {@code duplicateOf} set (and {@code write} off if dedup). */
  public static List<KeyframePlanner.Pick> mark(List<KeyframePlanner.Pick> picks, boolean dedup) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < picks.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer>comparingLong(i -> picks.get(i).frame())
        .thenComparingInt(i -> picks.get(i).sceneId())
        .thenComparingInt(i -> picks.get(i).position()));
    List<KeyframePlanner.Pick> out = new ArrayList<>(picks);
    List<KeyframePlanner.Pick> originals = new ArrayList<>();
    for (int i : order) {
      KeyframePlanner.Pick p = picks.get(i);
      if (Double.isNaN(p.quality().sharpness())) {
        continue; // not measured: no hash to compare
      }
      KeyframeRef of = null;
      for (KeyframePlanner.Pick o : originals) {
        if (Long.bitCount(o.quality().phash() ^ p.quality().phash()) <= MAX_DISTANCE) {
          of = o.ref();
          break;
        }
      }
      if (of == null) {
        originals.add(p);
      } else {
        out.set(i, p.asDuplicateOf(of, !dedup));
      }
    }
    return out;
  }
}
