package dev.reelbeam.transforms.motion;

import dev.reelbeam.transforms.model.MotionSample;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Global camera motion between consecutive frames, fed the small (~256 px) BGR copy the cut
 * detector already made, in decode order. One instance per decoded segment; not thread-safe.
 */
public interface MotionEstimator {

  /**
   * Motion from the previous frame given to this estimator to {@code smallBgr}.
   * Returns {@link MotionSample#NONE} for the first frame. Must not keep a reference to
   * {@code smallBgr} (the decoder reuses it): copy what it needs.
   */
  MotionSample next(Mat smallBgr);

  /**
   * {@link #next(Mat)} given also {@code grey}, OpenCV's {@code COLOR_BGR2GRAY} of
   * {@code smallBgr}, which the decode pass has already made for its metrics: an estimator that
   * works on grey levels takes it instead of converting the frame again. Must give exactly what
   * {@code next(smallBgr)} gives, and keep no reference to either Mat.
   */
  default MotionSample next(Mat smallBgr, Mat grey) {
    return next(smallBgr);
  }

  /** Forgets the previous frame: the next call returns {@link MotionSample#NONE}. */
  void reset();
}
