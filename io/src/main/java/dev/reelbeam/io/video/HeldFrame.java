package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A decoded picture kept past the decoder's next call: a new reference to FFmpeg's refcounted frame
 * buffers in their native pixel format, so holding costs no copy and no conversion (the decoder
 * simply takes fresh buffers from its pool). Convert with {@link UprightConverter} only if the frame
 * turns out to be needed. Holds native memory until {@link #close()}.
 */
public final class HeldFrame implements AutoCloseable {
  private AVFrame frame;
  private final long index;
  private final long pts;
  private final double time;
  private final long bytes;

  private HeldFrame(AVFrame frame, long index, long pts, double time, long bytes) {
    this.frame = frame;
    this.index = index;
    this.pts = pts;
    this.time = time;
    this.bytes = bytes;
  }

  static HeldFrame of(AVFrame picture, long index, long pts, double time) throws MediaException {
    AVFrame ref = av_frame_alloc();
    if (ref == null) {
      throw new MediaException("Cannot hold a decoded frame: out of memory");
    }
    if (av_frame_ref(ref, picture) < 0) {
      av_frame_free(ref);
      throw new MediaException("Cannot hold a decoded frame: FFmpeg refused a reference to it");
    }
    long bytes = 0;
    for (int i = 0; i < 8 && ref.buf(i) != null; i++) {
      bytes += ref.buf(i).size();
    }
    return new HeldFrame(ref, index, pts, time, bytes);
  }

  /** The frame's index among the frames of its decode call. */
  public long index() {
    return index;
  }

  public long pts() {
    return pts;
  }

  public double time() {
    return time;
  }

  /** Native bytes this reference keeps alive. */
  public long bytes() {
    return bytes;
  }

  AVFrame picture() {
    if (frame == null) {
      throw new IllegalStateException("frame already released");
    }
    return frame;
  }

  @Override
  public void close() {
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
  }
}
