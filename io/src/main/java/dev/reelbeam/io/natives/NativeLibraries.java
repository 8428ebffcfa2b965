package dev.reelbeam.io.natives;

import java.util.List;

/**
 * Loads FFmpeg's and OpenCV's native libraries once per JVM, one thread at a time, in one order.
 *
 * <p>Why: JavaCPP loads a library from a class's static initializer while holding its loader's
 * lock, and a library's own initialization looks up other JavaCPP classes. Two threads that first
 * touch different native classes at once (a Flink TaskManager running the subtitle reader and the
 * keyframe writer side by side in a fresh JVM) can each hold what the other waits for: one inside
 * {@code Pointer}'s static initializer waiting for the loader's lock, the other holding that lock
 * while FFmpeg's initialization waits for {@code Pointer}. Seen as a job that stopped with both
 * threads idle. Every DoFn that uses native code calls {@link #load} in its setup, before it touches
 * any native class, so the first one loads everything here and the others wait on this class's lock
 * alone. (The launcher's warm-up does the same on its own thread for jobs it runs in-process.)
 */
public final class NativeLibraries {
  private NativeLibraries() {}

  /** In dependency order: JavaCPP's own, FFmpeg's from avutil up, then OpenCV's. */
  static final List<String> CLASSES = List.of(
      "org.bytedeco.javacpp.Pointer",
      "org.bytedeco.ffmpeg.global.avutil",
      "org.bytedeco.ffmpeg.global.swresample",
      "org.bytedeco.ffmpeg.global.avcodec",
      "org.bytedeco.ffmpeg.global.avformat",
      "org.bytedeco.ffmpeg.global.swscale",
      "org.bytedeco.ffmpeg.global.avfilter",
      "org.bytedeco.ffmpeg.global.avdevice",
      "org.bytedeco.opencv.global.opencv_core",
      "org.bytedeco.opencv.opencv_core.Mat",
      "org.bytedeco.opencv.global.opencv_imgproc",
      "org.bytedeco.opencv.global.opencv_imgcodecs",
      "org.bytedeco.opencv.global.opencv_video");

  private static boolean loaded;

  /**
   * Initializes every class in {@link #CLASSES} present on the class path (once; later calls return
   * at once). A library that cannot load is the installation's fault, not an input's: it fails the
   * step that asked, with the loader's error as the cause.
   */
  public static synchronized void load() {
    if (loaded) {
      return;
    }
    ClassLoader loader = NativeLibraries.class.getClassLoader();
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException absent) {
        // that module is not on this job's class path: nothing of it will be used
      } catch (LinkageError e) {
        throw new IllegalStateException("the native library behind " + name + " could not be loaded", e);
      }
    }
    loaded = true;
  }
}
