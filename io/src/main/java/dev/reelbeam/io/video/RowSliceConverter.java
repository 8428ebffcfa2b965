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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * reads two consecutive source rows per output row. The rows read are described as a few 4:2:2
 * pictures (one chroma row per row) whose rows are every {@code step}-th row of the frame (an even
 * step: a line stride of {@code step} luma lines and {@code step / 2} chroma lines, so each row
 * meets its own chroma row); the converter treats such a picture row by row, as it treats 4:2:0 on
 * x86 (SSSE3: one kernel for both, the chroma row chosen per row). At 1080p to 256 px the 288 rows
 * read repeat every 30 rows, so 8 calls of 36 rows convert them, instead of 144 calls of 2 rows
 * (the calls' own cost was a third of the time: 0.38 to 0.25 ms a frame). {@link VideoDecoder}
 * checks the claim on the first frames and then now and then (the small frame from these rows
 * against the small frame from a full conversion) and falls back to full conversions for good at
 * the first difference, so a converter that treats 4:2:2 differently costs speed, never bytes.
 */
final class RowSliceConverter implements AutoCloseable {
  /** One 4:2:2 context per picture height. */
  private final Map<Integer, SwsContext> contexts = new HashMap<>();
  private BytePointer buffer;
  private Mat mat;
  private final IntPointer dstLinesize = new IntPointer(4);
  private final IntPointer srcLinesize = new IntPointer(4);
  private int stride;
  private final PointerPointer<BytePointer> src = new PointerPointer<>(4);
  private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
  private final BytePointer[] planes = new BytePointer[3];
  private BytePointer out;
  private int width;
  private int height;
  private int format = -1;
  private int smallHeight;
  /** The calls per frame: first row, row count, and the (even) step between rows. */
  private int[][] groups = new int[0][];

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
    for (int[] g : groups) {
      int y0 = g[0];
      int rows = g[1];
      int step = g[2];
      src.put(0, planes[0].position((long) y0 * picture.linesize(0)));
      src.put(1, planes[1].position((long) (y0 >> 1) * picture.linesize(1)));
      src.put(2, planes[2].position((long) (y0 >> 1) * picture.linesize(2)));
      srcLinesize.put(0, step * picture.linesize(0));
      srcLinesize.put(1, step / 2 * picture.linesize(1));
      srcLinesize.put(2, step / 2 * picture.linesize(2));
      dst.put(0, out.position((long) y0 * stride));
      dstLinesize.put(0, step * stride);
      if (sws_scale(context(rows), src, srcLinesize, 0, rows, dst, dstLinesize) < 0) {
        throw new MediaException(
            "Cannot convert rows " + y0 + ", " + (y0 + step) + "... of a frame to BGR");
      }
    }
    return mat;
  }

  /** The swscale context for a 4:2:2 picture of {@code rows} rows at the current width (J stays J). */
  private SwsContext context(int rows) throws MediaException {
    SwsContext c = contexts.get(rows);
    if (c == null) {
      int fmt = format == AV_PIX_FMT_YUVJ420P ? AV_PIX_FMT_YUVJ422P : AV_PIX_FMT_YUV422P;
      c = sws_getCachedContext(
          null, width, rows, fmt, width, rows, AV_PIX_FMT_BGR24, SWS_BICUBIC, null, null, (DoublePointer) null);
      if (c == null) {
        throw new MediaException("Cannot convert rows of pixel format " + fmt + " to BGR");
      }
      contexts.put(rows, c);
    }
    return c;
  }

  private void allocate(int w, int h, int fmt, int smallH) {
    release();
    // room for the converter's last 8-pixel block past the row: with a stride of several rows
    // its own guard against writing past a row no longer applies
    stride = (w * 3 + 24 + 63) & ~63;
    buffer = new BytePointer((long) stride * h);
    out = new BytePointer(buffer);
    mat = new Mat(h, w, opencv_core.CV_8UC3, buffer, stride);
    groups = groupsOf(rowsRead(h, smallH), h);
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
   * The pictures that convert {@code rows} (ascending) of an {@code h}-row frame: from the first row
   * not yet converted, the even step that reaches the most further rows read in a row (the smallest
   * such step). A picture has an even number of rows, as swscale's fast converter wants (it is not
   * used for an odd height): an odd chain leaves its last row to a later picture, and a lone row is
   * converted with the row two lines below (or above), which nothing reads.
   */
  static int[][] groupsOf(int[] rows, int h) {
    Set<Integer> left = new TreeSet<>();
    for (int r : rows) {
      left.add(r);
    }
    int last = rows.length == 0 ? 0 : rows[rows.length - 1];
    List<int[]> groups = new ArrayList<>();
    for (int r : rows) {
      if (!left.contains(r)) {
        continue;
      }
      int bestStep = 2;
      int bestCount = 1;
      for (int step = 2; r + step <= last; step += 2) {
        int count = 1;
        while (left.contains(r + count * step)) {
          count++;
        }
        if (count > bestCount) {
          bestCount = count;
          bestStep = step;
        }
      }
      if (bestCount == 1) {
        left.remove(r);
        groups.add(new int[] {r + 2 < h ? r : r - 2, 2, 2});
        continue;
      }
      bestCount &= ~1;
      for (int i = 0; i < bestCount; i++) {
        left.remove(r + i * bestStep);
      }
      groups.add(new int[] {r, bestCount, bestStep});
    }
    return groups.toArray(new int[0][]);
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
    srcLinesize.close();
    src.close();
    dst.close();
  }
}
