package dev.reelbeam.io.video;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Gives the physical pages of a memory range back to the kernel ({@code madvise(MADV_DONTNEED)}),
 * keeping the range itself mapped: the next write to it faults in zeroed pages. Used for a decoded
 * frame's buffer that only the keyframe buffer still referenced, just before it goes back to
 * FFmpeg's frame pool: the pool never frees a buffer while the decoder is open, so without this a
 * decoder's memory stays at the most it ever held, and decoders could not pass memory between them.
 * Where it is unavailable (not Linux, no JNA) it does nothing and says so.
 */
final class PageRelease {
  private static final int MADV_DONTNEED = 4;
  private static final boolean AVAILABLE;
  private static final long PAGE;

  static {
    boolean ok = false;
    long page = 4096;
    try {
      if (Platform.isLinux()) {
        Native.register(PageRelease.class, Platform.C_LIBRARY_NAME);
        page = getpagesize();
        ok = page > 0;
      }
    } catch (Throwable e) {
      ok = false;
    }
    AVAILABLE = ok;
    PAGE = page;
  }

  private PageRelease() {}

  private static native int madvise(long address, long length, int advice);

  private static native int getpagesize();

  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Releases the whole pages inside {@code [address, address + size)} (not the partial pages at its
   * ends, which may belong to a neighbour); returns the bytes released, 0 when nothing was.
   */
  static long release(long address, long size) {
    if (!AVAILABLE || address == 0 || size <= 0) {
      return 0;
    }
    long from = (address + PAGE - 1) & -PAGE;
    long to = (address + size) & -PAGE;
    if (to <= from) {
      return 0;
    }
    return madvise(from, to - from, MADV_DONTNEED) == 0 ? to - from : 0;
  }
}
