package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.TreeSet;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts to BGR only the rows of a frame that the cut detector's downscale reads. Why it gives the
 * same bytes: for 8-bit 4:2:0 at the same size, swscale's unscaled YUV-to-BGR converter computes
 * each row from its own luma row and its chroma row (no vertical filter), so converting a few rows
 * as a small picture yields the rows the full conversion yields; and OpenCV's INTER_LINEAR downscale
 * reads two consecutive source rows per output row. A pair starting on an even row is a 4:2:0
 * picture of two rows (consecutive such pairs go in one call); a pair starting on an odd row
 * straddles two chroma rows, so it is described as a two-row 4:2:2 picture (one chroma row per
 * row, the next chroma row one chroma line further), which the same converter treats row by row
 * alike on x86 (SSSE3: one kernel for both, the chroma row chosen per row). Only the 288 rows read
 * at 1080p to 256 px are converted, not the 432 of their even-aligned pairs. {@link VideoDecoder}
 * checks the claim on the first frames and then now and then (the small frame from these rows
 * against the small frame from a full conversion) and falls back to full conversions for good at
 * the first difference, so a converter that treats 4:2:2 differently costs speed, never bytes.
 */
final class RowSliceConverter implements AutoCloseable {
  /** One context per run: height, and 4:2:2 for a pair that starts on an odd row. */
  private final java.util.Map<Integer, SwsContext> contexts = new java.util.HashMap<>();
  private BytePointer buffer;
  private Mat mat;
  private final IntPointer dstLinesize = new IntPointer(4);
  private final PointerPointer<BytePointer> src = new PointerPointer<>(4);
  private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
  private final BytePointer[] planes = new BytePointer[3];
  private BytePointer out;
  private int width;
  private int height;
  private int format = -1;
  private int smallHeight;
  /**
   * The calls per frame: start row, row count, and 1 for a 4:2:2 pair starting on an odd row (else
   * 0: a 4:2:0 run of even-aligned pairs).
   */
  private int[][] runs = new int[0][];

  /**
   * Whether a {@code w x h} frame of {@code format} downscaled to {@code smallHeight} rows qualifies:
   * 8-bit 4:2:0, even sides, and a real downscale.
   */
  static boolean qualifies(int format, int w, int h, int smallHeight) {
    return (format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P)
        && w % 2 == 0 && h % 2 == 0 && w >= 2 && h >= 4 && smallHeight * 2 <= h;
  }

  /**
   * A full-size BGR Mat of {@code picture} in which the rows OpenCV's INTER_LINEAR resize to
   * {@code smallHeight} rows reads are converted (the others hold stale data). Owned by this
   * converter, overwritten by the next call.
   */
  Mat convert(AVFrame picture, int smallHeight) throws MediaException {
    int w = picture.width();
    int h = picture.height();
    if (mat == null || w != width || h != height || picture.format() != format || smallHeight != this.smallHeight) {
      allocate(w, h, picture.format(), smallHeight);
    }
    for (int p = 0; p < 3; p++) {
      planes[p] = new BytePointer(picture.data(p));
    }
    IntPointer srcLinesize = picture.linesize();
    for (int[] run : runs) {
      int y0 = run[0];
      int rows = run[1];
      boolean straddles = run[2] == 1;
      src.put(0, planes[0].position((long) y0 * picture.linesize(0)));
      src.put(1, planes[1].position((long) (y0 >> 1) * picture.linesize(1)));
      src.put(2, planes[2].position((long) (y0 >> 1) * picture.linesize(2)));
      dst.put(0, out.position((long) y0 * dstLinesize.get(0)));
      if (sws_scale(context(rows, straddles), src, srcLinesize, 0, rows, dst, dstLinesize) < 0) {
        throw new MediaException("Cannot convert rows " + y0 + "-" + (y0 + rows - 1) + " of a frame to BGR");
      }
    }
    return mat;
  }

  /**
   * The swscale context for a run of {@code rows} rows at the current width and format; for a pair
   * that straddles two chroma rows, the 4:2:2 view of it (same range: the J formats stay J).
   */
  private SwsContext context(int rows, boolean straddles) throws MediaException {
    int key = straddles ? -rows : rows;
    SwsContext c = contexts.get(key);
    if (c == null) {
      int fmt = straddles ? (format == AV_PIX_FMT_YUVJ420P ? AV_PIX_FMT_YUVJ422P : AV_PIX_FMT_YUV422P) : format;
      c = sws_getCachedContext(
          null, width, rows, fmt, width, rows, AV_PIX_FMT_BGR24, SWS_BICUBIC, null, null, (DoublePointer) null);
      if (c == null) {
        throw new MediaException("Cannot convert rows of pixel format " + fmt + " to BGR");
      }
      contexts.put(key, c);
    }
    return c;
  }

  private void allocate(int w, int h, int fmt, int smallH) {
    release();
    int stride = (w * 3 + 63) & ~63;
    dstLinesize.put(0, stride);
    buffer = new BytePointer((long) stride * h);
    out = new BytePointer(buffer);
    mat = new Mat(h, w, opencv_core.CV_8UC3, buffer, stride);
    runs = runsOf(rowsRead(h, smallH), h);
    width = w;
    height = h;
    format = fmt;
    smallHeight = smallH;
  }

  /** The source rows OpenCV's INTER_LINEAR resize from {@code h} to {@code dh} rows reads, ascending. */
  static int[] rowsRead(int h, int dh) {
    double scale = h / (double) dh;
    TreeSet<Integer> rows = new TreeSet<>();
    for (int dy = 0; dy < dh; dy++) {
      // OpenCV's own arithmetic: a float source coordinate, floored
      float fy = (float) ((dy + 0.5) * scale - 0.5);
      int sy = (int) Math.floor(fy);
      rows.add(Math.max(0, Math.min(h - 1, sy)));
      rows.add(Math.max(0, Math.min(h - 1, sy + 1)));
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The calls that convert {@code rows} (ascending) of an {@code h}-row picture: a row on an odd line
   * whose next row is also read starts a 4:2:2 pair; any other row is converted with its even-aligned
   * pair, and consecutive even-aligned pairs join into one 4:2:0 call.
   */
  static int[][] runsOf(int[] rows, int h) {
    java.util.Set<Integer> read = new java.util.HashSet<>();
    for (int r : rows) {
      read.add(r);
    }
    java.util.List<int[]> runs = new java.util.ArrayList<>();
    int coveredTo = -1; // rows up to here are converted
    for (int r : rows) {
      if (r <= coveredTo) {
        continue;
      }
      if ((r & 1) == 1 && r + 1 < h && read.contains(r + 1)) {
        runs.add(new int[] {r, 2, 1});
        coveredTo = r + 1;
        continue;
      }
      int y0 = r & ~1;
      int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last[2] == 0 && last[0] + last[1] == y0) {
        last[1] += 2;
      } else {
        runs.add(new int[] {y0, 2, 0});
      }
      coveredTo = y0 + 1;
    }
    return runs.toArray(new int[0][]);
  }

  private void release() {
    if (mat != null) {
      mat.close();
      mat = null;
    }
    if (buffer != null) {
      buffer.close();
      buffer = null;
    }
    for (SwsContext c : contexts.values()) {
      sws_freeContext(c);
    }
    contexts.clear();
  }

  @Override
  public void close() {
    release();
    dstLinesize.close();
    src.close();
    dst.close();
  }
}
