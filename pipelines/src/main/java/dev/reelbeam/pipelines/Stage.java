package dev.reelbeam.pipelines;

import dev.reelbeam.transforms.outputs.Branches;
import java.util.Set;

/**
 * Which part of the one ReelBeam graph a command builds. Every stage is a subset of {@link #RUN};
 * {@link ReelBeamPipeline} adds a branch when the stage includes it, so there is one code path.
 */
public enum Stage {
  /** Every stage built so far, one pipeline. */
  RUN("run", "every stage in one pipeline: cuts, frames, audio, analysis (and the knowledge base with --docs)",
      Set.of(Branches.SCENES, Branches.FRAMES, Branches.AUDIO, Branches.COMPOSITION, Branches.CAMERA,
          Branches.SUBTITLES)),
  /** Frames and audio; it needs the cuts, so it includes detection. */
  STAGE1("stage1", "stage 1: cuts, keyframes per scene (or interval), 16 kHz audio and subtitles",
      Set.of(Branches.SCENES, Branches.FRAMES, Branches.AUDIO, Branches.SUBTITLES)),
  /** Analysis: cuts, composition of the scene keyframes (so it writes them) and camera motion. */
  STAGE2("stage2", "stage 2: analysis: cuts, composition of the keyframes, camera motion",
      Set.of(Branches.SCENES, Branches.FRAMES, Branches.COMPOSITION, Branches.CAMERA));

  private final String command;
  private final String summary;
  private final Set<String> branches;

  Stage(String command, String summary, Set<String> branches) {
    this.command = command;
    this.summary = summary;
    this.branches = branches;
  }

  public String command() {
    return command;
  }

  public String summary() {
    return summary;
  }

  /** The per-video branches whose parts make a video complete in this stage. */
  public Set<String> branches() {
    return branches;
  }

  public boolean includes(String branch) {
    return branches.contains(branch);
  }
}
