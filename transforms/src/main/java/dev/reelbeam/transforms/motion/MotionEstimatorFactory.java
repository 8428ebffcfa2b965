package dev.reelbeam.transforms.motion;

import java.io.Serializable;

/** Makes one {@link MotionEstimator} per decoded segment; shipped to workers, so serializable. */
@FunctionalInterface
public interface MotionEstimatorFactory extends Serializable {
  MotionEstimator create();
}
