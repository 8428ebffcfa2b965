package dev.reelbeam.io.video;

import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.opencv.global.opencv_core;

/**
 * Keeps OpenCV on the calling thread. ReelBeam's parallelism is the runner's workers (--workers
 * cores, or a Flink slot each); OpenCV's own thread pool would put extra threads on every core
 * regardless, so --workers=1 would not mean one core, and on the small images ReelBeam gives it
 * (256 px frames, 160 px motion copies) its threads mostly spin: on an 8-minute 1080p film with
 * --workers=1, stages 1+2 spent 8 s of system time in them and finished no sooner.
 */
public final class OpenCvThreads {
  private static final AtomicBoolean SET = new AtomicBoolean();

  private OpenCvThreads() {}

  /** Makes OpenCV run its functions sequentially in this process (once; cheap after). */
  public static void useCallerOnly() {
    if (SET.compareAndSet(false, true)) {
      opencv_core.setNumThreads(1);
    }
  }
}
