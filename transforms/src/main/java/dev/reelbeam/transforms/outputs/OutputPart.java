package dev.reelbeam.transforms.outputs;

import java.io.Serializable;
import java.util.List;

/**
 * One branch's finished outputs for one video: the unit the per-video manifest joins. A branch
 * emits its part only after every file it lists exists under its final name.
 *
 * @param videoId the video
 * @param branch the branch that wrote the files (see {@link Branches})
 * @param files output paths relative to the output root, sorted
 * @param items how many things the branch produced (scenes, frames, audio files, ...)
 * @param note something a person should know that is not an error (e.g. "no audio stream"), or ""
 */
public record OutputPart(String videoId, String branch, List<String> files, long items, String note)
    implements Serializable {

  public OutputPart {
    files = List.copyOf(files.stream().sorted().toList());
    note = note == null ? "" : note;
  }
}
