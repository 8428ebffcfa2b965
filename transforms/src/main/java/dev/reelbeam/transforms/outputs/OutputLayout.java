package dev.reelbeam.transforms.outputs;

/**
 * Where every output lives under the output root: one place for the names, so writers, the
 * manifest and resume agree. All names are relative to the output root, with '/' separators, and
 * depend only on the video id and the stage: a rerun names everything the same.
 */
public final class OutputLayout {

  /** The output root as display data: every transform that writes under it shows it so. */
  public static org.apache.beam.sdk.transforms.display.DisplayData.ItemSpec<String> rootItem(String outputRoot) {
    return org.apache.beam.sdk.transforms.display.DisplayData.item("outputRoot", outputRoot).withLabel("Output root");
  }


  /** Bump when an output's bytes change for the same input and parameters: forces a redo on resume. */
  public static final String VERSION = "reelbeam-outputs-1";

  public static final String DATASET_INDEX = "dataset_index.json";
  public static final String ERRORS_DIR = "errors";
  public static final String MANIFESTS_DIR = "manifests";
  public static final String SCENES_DIR = "analysis/scenes";
  public static final String FRAMES_DIR = "frames";
  public static final String AUDIO_DIR = "audio";

  private OutputLayout() {}

  public static String scenesJson(String videoId) {
    return SCENES_DIR + "/" + videoId + "_scenes.json";
  }

  public static String scenesCsv(String videoId) {
    return SCENES_DIR + "/" + videoId + "_scenes.csv";
  }

  public static String statsCsv(String videoId) {
    return SCENES_DIR + "/" + videoId + "_stats.csv";
  }

  public static String framesDir(String videoId) {
    return FRAMES_DIR + "/" + videoId;
  }

  public static String audio(String videoId) {
    return AUDIO_DIR + "/" + videoId + "_audio.wav";
  }

  public static String manifest(String videoId) {
    return MANIFESTS_DIR + "/" + videoId + ".json";
  }

  /**
   * The folder and file-name glob of the per-video files whose names vary with the input (so a
   * redone video can leave stale ones behind), for the branch; null when the branch writes fixed
   * names only (they are simply overwritten). A new branch with varying names adds itself here.
   */
  public static String[] varyingFiles(String branch, String videoId) {
    return switch (branch) {
      case Branches.FRAMES -> new String[] {framesDir(videoId), "*"};
      case Branches.AUDIO -> new String[] {AUDIO_DIR, videoId + "_audio.wav"};
      default -> null;
    };
  }

  public static String error(String videoId, String stage) {
    return ERRORS_DIR + "/" + videoId + "." + stage + ".json";
  }
}
