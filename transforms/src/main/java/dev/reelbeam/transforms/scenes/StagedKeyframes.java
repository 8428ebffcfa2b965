package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.video.VideoInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Frame images the decode pass encoded because a keyframe pick will most likely want them, waiting
 * in {@code frames/<video-id>/} under temporary names keyed by the frame's exact time, until
 * {@link KeyframeWriter} renames the ones it needs to their final names and
 * {@link #removeAll} drops the rest. They are a cache, never an output: a pick whose frame was not
 * staged is fetched by seeking, and the {@code .tmp-} prefix makes any left behind by a crash
 * temporaries that readers ignore and the next run deletes.
 */
public final class StagedKeyframes {
  static final String PREFIX = AtomicFiles.TEMP_PREFIX + "capture-";

  private StagedKeyframes() {}

  /**
   * Where the frame of {@code video} at {@code time} (seconds, as the decode reported it) waits. The
   * name carries the input's fingerprint too, so an image staged from an earlier version of the file
   * (a crashed run nobody cleaned) is never taken for this one's.
   */
  public static Path path(Path root, VideoInfo video, double time) {
    return root.resolve(relativePath(video, time));
  }

  /** {@link #path} relative to the output root, '/'-separated. */
  public static String relativePath(VideoInfo video, double time) {
    String key = String.format(Locale.ROOT, "%s-%016x", version(video), Double.doubleToLongBits(time));
    return "frames/" + video.videoId() + "/" + PREFIX + key + ".jpg";
  }

  private static String version(VideoInfo video) {
    return Integer.toHexString(String.valueOf(video.fingerprint()).hashCode());
  }

  /**
   * Stages {@code jpeg}: written beside its name and renamed, so a staged file is always whole
   * (not forced to disk: {@link KeyframeWriter} forces it when it becomes an output).
   */
  static void stage(OutputStore root, String rel, byte[] jpeg) throws IOException {
    root.stage(rel, jpeg);
  }

  /** The staged frames of {@code video} in {@code root}: their {@link #relativePath}s, in one listing. */
  public static java.util.Set<String> list(OutputStore root, VideoInfo video) throws IOException {
    String dir = "frames/" + video.videoId();
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String name : root.list(dir, PREFIX + "*")) {
      out.add(dir + "/" + name);
    }
    return out;
  }

  /** Deletes every staged frame of {@code videoId}; returns how many. */
  public static int removeAll(Path root, String videoId) throws IOException {
    return removeAll(OutputStore.at(root.toString()), videoId);
  }

  /** Deletes every staged frame of {@code videoId} in the output store {@code root}; returns how many. */
  public static int removeAll(OutputStore root, String videoId) throws IOException {
    String dir = "frames/" + videoId;
    int n = 0;
    for (String name : root.list(dir, PREFIX + "*")) {
      if (root.delete(dir + "/" + name)) {
        n++;
      }
    }
    return n;
  }
}
