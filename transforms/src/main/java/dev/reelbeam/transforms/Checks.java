package dev.reelbeam.transforms;

import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Argument checks for the transforms' {@code with} methods: a bad single value fails where it is
 * given, with the value in the message (combinations are checked in {@code expand}).
 */
final class Checks {
  private Checks() {}

  /** Throws {@link IllegalArgumentException} with {@code String.format(message, args)} unless {@code ok}. */
  static void checkArgument(boolean ok, String message, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
    }
  }

  /** A {@code to(root)} argument: an output root must be named. */
  static String checkRoot(@Nullable String root) {
    checkArgument(root != null && !root.isBlank(), "output root must be given: %s", root);
    return root;
  }

  /** In {@code expand}: a transform that writes files cannot be applied before {@code to(root)}. */
  static String requireRoot(@Nullable String root, String transform) {
    if (root == null) {
      throw new IllegalStateException(transform + " needs .to(outputRoot)");
    }
    return root;
  }
}
