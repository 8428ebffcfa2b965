package dev.reelbeam.transforms.outputs;

import java.io.Serializable;
import java.util.List;

/**
 * One video's line in {@code dataset_index.json}: what became of it in this run.
 *
 * @param videoId the video id
 * @param path the input path
 * @param status {@link #DONE}, {@link #SKIPPED} (resumed: its manifest matched) or {@link #FAILED}
 * @param parts the branches' outputs (empty when failed)
 * @param errors "stage: message" lines, sorted: why a failed video failed, or what a done video
 *     lost beside it (an unreadable subtitle file; its other outputs are complete)
 */
public record VideoEntry(
    String videoId, String path, String status, List<OutputPart> parts, List<String> errors)
    implements Serializable {

  public static final String DONE = "done";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  public VideoEntry {
    parts = List.copyOf(parts);
    errors = List.copyOf(errors);
  }

  /** Items of one branch (scenes, frames, audio files), 0 when the branch did not run. */
  public long items(String branch) {
    return parts.stream().filter(p -> p.branch().equals(branch)).mapToLong(OutputPart::items).sum();
  }

  public boolean failed() {
    return FAILED.equals(status);
  }
}
