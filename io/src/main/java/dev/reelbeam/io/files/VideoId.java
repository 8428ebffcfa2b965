package dev.reelbeam.io.files;

/**
 * Deterministic ids for inputs: the file name without extension plus a short hash of the full
 * path, so two {@code intro.mp4} in different folders do not collide and a rerun names everything
 * the same.
 */
public final class VideoId {
  private VideoId() {}

  /** {@code <name-without-extension>_<8 hex of sha-256(path)>}, unsafe characters replaced. */
  public static String of(String path) {
    String name = path.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    String safe = name.replaceAll("[^\\p{L}\\p{N}._-]+", "_");
    if (safe.isEmpty()) {
      safe = "video";
    }
    return safe + "_" + shortHash(path);
  }

  /** First 8 hex digits of the SHA-256 of {@code text}. */
  public static String shortHash(String text) {
    return Sha256.of(text).substring(0, 8);
  }
}
