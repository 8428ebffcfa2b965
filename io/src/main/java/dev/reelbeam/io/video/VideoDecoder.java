package dev.reelbeam.io.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;

import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes one video through JavaCV's {@link FFmpegFrameGrabber} the way PySceneDetect's OpenCV
 * backend sees it, bit for bit: BGR24 at full size through {@code SWS_BICUBIC}, display rotation as
 * OpenCV 4.6, downscale with {@code rint} sizes and INTER_LINEAR. Video only (the audio stream is
 * not opened). Not thread-safe; close it to free its native memory.
 *
 * <p>Two uses: {@link #decodeRange} decodes presentation times {@code [start, end)} exactly once
 * (one segment of the one decode pass), and {@link #seekToKeyframe} plus {@link #next} fetch chosen
 * frames (keyframe images).
 */
public final class VideoDecoder implements AutoCloseable {

  /** Receives every frame of a range in presentation order. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(DecodedFrame frame) throws Exception;
  }

  private final String path;
  private final int rotation;
  private final int threads;
  private final int smallTarget;
  private final boolean raw;
  private final BgrConverter bgrConverter;
  private FFmpegFrameGrabber grabber;
  private LocalVideoFile local;
  private StreamClock clock;
  private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
  private final Mat rotated = new Mat();
  private final Mat bgra = new Mat();
  private final Mat turned = new Mat();
  private final Mat smallMat = new Mat();
  private final Holder current = new Holder();
  /** Frames the row-sliced conversion checks first, and how often after (see {@link RowSliceConverter}). */
  private static final int CHECK_FIRST = 24;
  private static final int CHECK_EVERY = 500;
  private final RowSliceConverter rowConverter = new RowSliceConverter();
  private final Mat checkMat = new Mat();
  private boolean rowSlicing;
  private long slicedFrames;
  private int expectedW;
  private int expectedH;
  private long lastPts = AV_NOPTS_VALUE;
  private long skippedFrames;

  private VideoDecoder(String path, int rotation, int threads, int smallTarget, boolean raw) {
    this.path = path;
    this.rotation = rotation;
    this.threads = threads;
    this.smallTarget = smallTarget;
    this.raw = raw;
    this.bgrConverter = raw ? new BgrConverter() : null;
    this.rowSlicing = raw && smallTarget > 0;
  }

  /**
   * Opens {@code path}.
   *
   * @param rotation clockwise display rotation to apply (from {@link VideoInfo#rotation()})
   * @param threads FFmpeg decoding threads; 0 lets FFmpeg choose
   * @param smallTarget longer side target of {@link DecodedFrame#small()} (PySceneDetect: 256)
   */
  public static VideoDecoder open(String path, int rotation, int threads, int smallTarget)
      throws MediaException {
    return started(new VideoDecoder(path, rotation, threads, smallTarget, false));
  }

  /**
   * Opens {@code path} like {@link #open}, with the same bytes from {@link DecodedFrame#full()} and
   * {@link DecodedFrame#small()}, but decoding in the native pixel format and converting to BGR
   * only when asked: so frames can be {@linkplain DecodedFrame#hold() held} cheaply for later.
   */
  public static VideoDecoder openLazy(String path, int rotation, int threads, int smallTarget)
      throws MediaException {
    return started(new VideoDecoder(path, rotation, threads, smallTarget, true));
  }

  /**
   * Opens {@code path} for fetching chosen frames: frames are decoded in their native format and
   * converted to BGR (the same bytes as {@link #open}) only when {@link DecodedFrame#full()} is
   * called, so frames passed over on the way to a target cost decoding alone.
   */
  public static VideoDecoder openForFetch(String path, int rotation, int threads)
      throws MediaException {
    return started(new VideoDecoder(path, rotation, threads, 0, true));
  }

  private static VideoDecoder started(VideoDecoder d) throws MediaException {
    OpenCvThreads.useCallerOnly();
    if (d.threads < 0) {
      d.close();
      throw new IllegalArgumentException("threads must be >= 0: " + d.threads);
    }
    try {
      d.start();
    } catch (MediaException | RuntimeException e) {
      d.close();
      throw e;
    }
    return d;
  }

  private void start() throws MediaException {
    FFmpegSupport.quietLogs();
    local = LocalVideoFile.open(path); // a remote video is decoded from a local copy
    FFmpegSupport.checkReadableFile(local.path(path));
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(local.path(path));
    if (raw) {
      g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
    } else {
      g.setPixelFormat(AV_PIX_FMT_BGR24);
      g.setImageScalingFlags(SWS_BICUBIC);
    }
    g.setVideoOption("threads", Integer.toString(threads));
    g.setAudioStream(Integer.MAX_VALUE); // no audio stream: the decode pass is video only
    FFmpegSupport.start(g, path);
    if (g.getVideoStream() < 0 || g.getImageWidth() <= 0) {
      try {
        g.release();
      } catch (Exception ignored) {
        // the missing stream is the error to report
      }
      throw new MediaException("Cannot decode " + path + ": it contains no video stream");
    }
    FFmpegSupport.discardAllBut(g, g.getVideoStream());
    grabber = g;
    clock = FFmpegSupport.clock(g);
    expectedW = g.getImageWidth();
    expectedH = g.getImageHeight();
    lastPts = AV_NOPTS_VALUE;
  }

  /** Whether small frames come from row slices (it has made some and no check has failed). */
  boolean slicesRows() {
    return rowSlicing && slicedFrames > 0;
  }

  /** The stream's clock: how timestamps become seconds. */
  public StreamClock clock() {
    return clock;
  }

  /** Frames skipped because their size differed from the stream's (PySceneDetect skips them too). */
  public long skippedFrames() {
    return skippedFrames;
  }

  /** The time-base pts of the frame at {@code seconds} (inverse of {@link StreamClock#seconds}). */
  public long ptsOf(double seconds) {
    long guess = Math.round(seconds * clock.den() / clock.num()) + clock.startPts();
    for (long p = guess - 2; p <= guess + 2; p++) {
      if (clock.seconds(p) == seconds) {
        return p;
      }
    }
    return guess;
  }

  /**
   * Positions the decoder so that {@link #next} returns the keyframe at {@code keyTime} (seconds,
   * stream start subtracted) or a frame before it.
   */
  public void seekToKeyframe(double keyTime) throws MediaException {
    long micros = clock.seekMicros(ptsOf(keyTime));
    try {
      grabber.setTimestamp(micros);
    } catch (Exception e) {
      throw new MediaException(
          "Cannot seek in " + path + " to " + keyTime + " s (FFmpeg: " + FFmpegSupport.reason(e) + ")", e);
    }
    lastPts = AV_NOPTS_VALUE;
  }

  /** Reopens the file: the next frame is the first of the video. */
  public void rewind() throws MediaException {
    closeGrabber();
    start();
  }

  /** The next frame in presentation order, or null at the end. Valid until the next call. */
  public DecodedFrame next() throws MediaException {
    while (true) {
      Frame f;
      try {
        f = grabber.grabImage();
      } catch (Exception e) {
        throw new MediaException(
            "Cannot decode " + path + ": the video stream is corrupt (FFmpeg: " + FFmpegSupport.reason(e) + ")", e);
      }
      if (f == null) {
        return null;
      }
      if (f.image == null) {
        continue;
      }
      if (f.imageWidth != expectedW || f.imageHeight != expectedH) {
        skippedFrames++;
        continue;
      }
      long pts = AV_NOPTS_VALUE;
      if (f.opaque instanceof AVFrame av) {
        pts = av.pts() != AV_NOPTS_VALUE ? av.pts() : av.pkt_dts();
      }
      if (pts == AV_NOPTS_VALUE) {
        // neither pts nor dts: continue the previous frame's clock by one nominal frame
        long step = Math.max(1, Math.round(clock.den() / (clock.num() * grabber.getFrameRate())));
        pts = lastPts == AV_NOPTS_VALUE ? clock.startPts() : lastPts + step;
      }
      lastPts = pts;
      if (raw) {
        current.setRaw(pts, clock.seconds(pts), (AVFrame) f.opaque);
      } else {
        current.set(pts, clock.seconds(pts), upright(converter.convert(f)));
      }
      return current;
    }
  }

  /**
   * Decodes the frames with presentation time in {@code [start, end)} exactly once and hands each
   * to {@code sink}. With {@code fromBeginning} the decode starts at the first frame of the file and
   * {@code start} is not a lower bound (the first segment owns everything before the second);
   * otherwise it seeks to the keyframe at {@code start} (which must be a time from
   * {@link VideoInfo#keyframeTimes()}), drops frames before it (open GOPs, B-frames) and, should the
   * demuxer land after it, steps back to earlier keyframes or decodes from the beginning.
   *
   * @return frames delivered
   */
  public int decodeRange(
      double start, double end, boolean fromBeginning, List<Double> keyframeTimes, FrameSink sink)
      throws Exception {
    DecodedFrame f = position(start, fromBeginning, keyframeTimes);
    int index = 0;
    while (f != null) {
      if (f.time() >= end) {
        break;
      }
      if (fromBeginning || f.time() >= start) {
        current.index = index++;
        sink.accept(current);
      }
      f = next();
    }
    return index;
  }

  private DecodedFrame position(double start, boolean fromBeginning, List<Double> keyframes)
      throws MediaException {
    if (fromBeginning) {
      return next();
    }
    int k = keyframes == null ? -1 : keyframes.indexOf(start);
    double target = start;
    for (int attempt = 0; attempt < 3; attempt++) {
      seekToKeyframe(target);
      DecodedFrame f = next();
      if (f == null || f.time() <= start) {
        return f;
      }
      if (k <= 0) {
        break;
      }
      k--;
      target = keyframes.get(k);
    }
    rewind();
    return next();
  }

  private Mat upright(Mat bgr) {
    return Rotation.apply(bgr, rotation, rotated, bgra, turned);
  }

  @Override
  public void close() {
    closeGrabber();
    if (local != null) {
      local.close();
    }
    if (bgrConverter != null) {
      bgrConverter.close();
    }
    converter.close();
    rotated.close();
    bgra.close();
    turned.close();
    smallMat.close();
    checkMat.close();
    rowConverter.close();
    if (current.smallSize != null) {
      current.smallSize.close();
    }
  }

  private void closeGrabber() {
    if (grabber != null) {
      try {
        grabber.release();
      } catch (Exception ignored) {
        // nothing more to free
      }
      grabber = null;
    }
  }

  private final class Holder implements DecodedFrame {
    int index;
    long pts;
    double time;
    Mat full;
    AVFrame picture;
    boolean smallReady;
    Size smallSize;

    void set(long pts, double time, Mat full) {
      this.pts = pts;
      this.time = time;
      this.full = full;
      this.picture = null;
      this.smallReady = false;
    }

    void setRaw(long pts, double time, AVFrame picture) {
      this.pts = pts;
      this.time = time;
      this.full = null;
      this.picture = picture;
      this.smallReady = false;
    }

    @Override
    public int index() {
      return index;
    }

    @Override
    public long pts() {
      return pts;
    }

    @Override
    public double time() {
      return time;
    }

    @Override
    public Mat full() {
      if (full == null && picture != null) {
        try {
          full = upright(bgrConverter.convert(picture));
        } catch (MediaException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      return full;
    }

    @Override
    public HeldFrame hold() throws MediaException {
      if (picture == null) {
        return DecodedFrame.super.hold();
      }
      return HeldFrame.of(picture, index, pts, time);
    }

    @Override
    public Mat small() {
      if (!smallReady && full == null && picture != null && rowSlicing) {
        Mat fromRows = smallFromRows();
        if (fromRows != null) {
          return fromRows;
        }
      }
      Mat full = full();
      int w = full.cols();
      int h = full.rows();
      int longer = Math.max(w, h);
      double factor = longer < smallTarget || smallTarget <= 0 ? 1.0 : longer / (double) smallTarget;
      if (factor <= 1.0) {
        return full;
      }
      if (!smallReady) {
        int sw = (int) Math.max(1, Math.rint(w / factor));
        int sh = (int) Math.max(1, Math.rint(h / factor));
        try (Size size = new Size(sw, sh)) {
          opencv_imgproc.resize(full, smallMat, size, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        smallReady = true;
      }
      return smallMat;
    }

    /**
     * The small frame from the rows the downscale reads ({@link RowSliceConverter}), or null when
     * the frame does not qualify. Checked against a full conversion on the first frames and every
     * {@code CHECK_EVERY} frames; the first difference turns row slicing off for this decoder.
     */
    /**
     * The small frame's size, kept from frame to frame: a JavaCPP {@code Size} made per frame
     * registers a deallocator each time: about 25 us a frame with its release (a profile of the
     * 1080p veryfast film).
     */
    private Size smallSize(int sw, int sh) {
      if (smallSize == null || smallSize.width() != sw || smallSize.height() != sh) {
        if (smallSize != null) {
          smallSize.close();
        }
        smallSize = new Size(sw, sh);
      }
      return smallSize;
    }

    private Mat smallFromRows() {
      int w = picture.width();
      int h = picture.height();
      int longer = Math.max(w, h);
      if (rotation != 0 || smallTarget <= 0 || longer <= smallTarget) {
        return null;
      }
      double factor = longer / (double) smallTarget;
      int sw = (int) Math.max(1, Math.rint(w / factor));
      int sh = (int) Math.max(1, Math.rint(h / factor));
      if (!RowSliceConverter.qualifies(picture.format(), w, h, sh)) {
        return null;
      }
      Size size = smallSize(sw, sh);
      try {
        opencv_imgproc.resize(rowConverter.convert(picture, sh), smallMat, size, 0, 0, opencv_imgproc.INTER_LINEAR);
        if (slicedFrames++ < CHECK_FIRST || slicedFrames % CHECK_EVERY == 0) {
          opencv_imgproc.resize(full(), checkMat, size, 0, 0, opencv_imgproc.INTER_LINEAR);
          if (opencv_core.norm(smallMat, checkMat, opencv_core.NORM_INF, null) != 0) {
            rowSlicing = false;
            checkMat.copyTo(smallMat);
          }
        }
      } catch (MediaException e) {
        rowSlicing = false;
        return null;
      }
      smallReady = true;
      return smallMat;
    }
  }
}
