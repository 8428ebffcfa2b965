package dev.reelbeam.io.files;

import java.util.regex.Pattern;

/** Where an input lives: on this machine's filesystem, or on another Beam filesystem. */
public final class Locations {
  private static final Pattern URI = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://.*");

  private Locations() {}

  /**
   * Whether {@code path} names a file on a filesystem other than the local one ({@code hdfs://},
   * {@code s3://}, {@code gs://}: any scheme but {@code file}), read through Beam's FileSystems.
   */
  public static boolean isRemote(String path) {
    var m = URI.matcher(path);
    return m.matches() && !m.group(1).equalsIgnoreCase("file");
  }
}
