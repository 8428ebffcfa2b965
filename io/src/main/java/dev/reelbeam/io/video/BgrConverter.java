package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_linesizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts a decoded (native format) frame to BGR24 exactly as JavaCV's grabber does in colour
 * mode: {@code sws_scale} with {@code SWS_BICUBIC} at full size into a buffer whose line size is
 * aligned to 64 bytes the way JavaCV aligns it. The frame fetcher decodes in raw mode and converts
 * only the frames it keeps, so frames decoded on the way to a target cost no conversion.
 */
final class BgrConverter implements AutoCloseable {
  private SwsContext ctx;
  private BytePointer buffer;
  private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
  private final IntPointer dstLinesize = new IntPointer(4);
  private Mat mat;
  private int width;
  private int height;

  /** The BGR frame; owned by this converter and overwritten by the next call. */
  Mat convert(AVFrame picture) throws MediaException {
    int w = picture.width();
    int h = picture.height();
    if (mat == null || w != width || h != height) {
      allocate(w, h);
    }
    ctx = sws_getCachedContext(
        ctx, w, h, picture.format(), w, h, AV_PIX_FMT_BGR24, SWS_BICUBIC, null, null, (DoublePointer) null);
    if (ctx == null) {
      throw new MediaException("Cannot convert a frame of pixel format " + picture.format() + " to BGR");
    }
    sws_scale(ctx, new PointerPointer<>(picture), picture.linesize(), 0, h, dstData, dstLinesize);
    return mat;
  }

  private void allocate(int w, int h) {
    release();
    int align = 64; // JavaCV's alignment (a swscale workaround), kept for identical output
    int stride = w;
    for (int i = 1; i <= align; i += i) {
      stride = (w + (i - 1)) & ~(i - 1);
      av_image_fill_linesizes(dstLinesize, AV_PIX_FMT_BGR24, stride);
      if ((dstLinesize.get(0) & (align - 1)) == 0) {
        break;
      }
    }
    int size = av_image_get_buffer_size(AV_PIX_FMT_BGR24, stride, h, 1);
    buffer = new BytePointer(av_malloc(size)).capacity(size);
    av_image_fill_arrays(dstData, dstLinesize, buffer, AV_PIX_FMT_BGR24, stride, h, 1);
    mat = new Mat(h, w, opencv_core.CV_8UC3, buffer, dstLinesize.get(0));
    width = w;
    height = h;
  }

  private void release() {
    if (mat != null) {
      mat.close();
      mat = null;
    }
    if (buffer != null) {
      av_free(buffer);
      buffer = null;
    }
  }

  @Override
  public void close() {
    release();
    if (ctx != null) {
      sws_freeContext(ctx);
      ctx = null;
    }
    dstData.close();
    dstLinesize.close();
  }
}
