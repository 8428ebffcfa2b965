package dev.reelbeam.transforms.model;

import java.io.Serializable;
import java.util.Locale;

/**
 * One transition between shots, typed.
 *
 * @param type what kind
 * @param startFrame first frame of the transition (for a cut: the new shot's first frame)
 * @param endFrame frame after the transition, exclusive (for a cut: the same as the start)
 * @param startTime seconds of the start frame
 * @param endTime seconds of the end frame (the video's duration when it ends the video)
 * @param confidence 0-1: how clearly the frames show this type of transition
 */
public record Transition(
    Type type, long startFrame, long endFrame, double startTime, double endTime, double confidence)
    implements Serializable {

  public enum Type {
    CUT,
    FADE_OUT,
    FADE_IN,
    DISSOLVE,
    FLASH;

    /** The name in the scenes JSON: {@code cut}, {@code fade_out}, {@code fade_in}, ... */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Fades and dissolves: what {@code --splitGradual} makes scene boundaries. */
    public boolean gradual() {
      return this == FADE_OUT || this == FADE_IN || this == DISSOLVE;
    }
  }
}
