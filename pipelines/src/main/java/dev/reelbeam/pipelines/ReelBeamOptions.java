package dev.reelbeam.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Every ReelBeam flag, in Beam's style ({@code --name=value}); Beam's own options ({@code
 * --runner}, {@code --flinkMaster}, ...) pass through unchanged.
 */
public interface ReelBeamOptions extends PipelineOptions {

  @Description("Name of the film or dataset, recorded in the summaries.")
  @Default.String("film")
  String getFilm();

  void setFilm(String value);

  @Description("Videos: a directory (searched recursively) or a glob.")
  String getInput();

  void setInput(String value);

  @Description("Output directory.")
  @Default.String("reelbeam-output")
  String getOutput();

  void setOutput(String value);

  @Description("Cores to use (Direct runner parallelism, decoder threads). 0 means all cores.")
  @Default.Integer(0)
  int getWorkers();

  void setWorkers(int value);

  @Description("Skip videos and documents whose outputs and manifest match the input and parameters.")
  @Default.Boolean(false)
  boolean getResume();

  void setResume(boolean value);

  @Description("Which frames to write: 'scene' (begin, middle, end of each scene) or 'interval'.")
  @Default.String("scene")
  String getFrames();

  void setFrames(String value);

  @Description("How a scene's begin, middle and end frames are chosen: 'best' (the sharpest frame"
      + " of the first, middle and last fifth of the scene that is not flat, near-black or inside a"
      + " transition) or 'exact' (PySceneDetect save-images' positions, its images byte for byte).")
  @Default.String("best")
  String getKeyframes();

  void setKeyframes(String value);

  @Description("Do not write keyframes that repeat an earlier keyframe of the video (perceptual"
      + " hashes within 12 of 64 bits); the scenes JSON still lists them, with duplicate_of.")
  @Default.Boolean(false)
  boolean getDedup();

  void setDedup(boolean value);

  @Description("Seconds between frames with --frames=interval.")
  @Default.Double(5.0)
  double getInterval();

  void setInterval(double value);

  @Description("Cut detector, one of PySceneDetect's: content, adaptive, hash, histogram, threshold."
      + " Every detector's per-frame metric is in the stats file whichever finds the cuts.")
  @Default.String("content")
  String getDetector();

  void setDetector(String value);

  @Description("ContentDetector threshold (PySceneDetect's default 27).")
  @Default.Double(27.0)
  double getThreshold();

  void setThreshold(double value);

  @Description("Minimum scene length in frames, for every detector (PySceneDetect's default 15).")
  @Default.Integer(15)
  int getMinSceneLen();

  void setMinSceneLen(int value);

  @Description("AdaptiveDetector: the ratio of a frame's content value to its window's mean that"
      + " cuts (PySceneDetect's default 3.0).")
  @Default.Double(3.0)
  double getAdaptiveThreshold();

  void setAdaptiveThreshold(double value);

  @Description("AdaptiveDetector: frames each side of a frame in its rolling window (default 2).")
  @Default.Integer(2)
  int getWindowWidth();

  void setWindowWidth(int value);

  @Description("AdaptiveDetector: the content value a cut must also reach (default 15).")
  @Default.Double(15.0)
  double getMinContentVal();

  void setMinContentVal(double value);

  @Description("HashDetector: normalised Hamming distance (0-1) of perceptual hashes that cuts"
      + " (default 0.35).")
  @Default.Double(0.35)
  double getHashThreshold();

  void setHashThreshold(double value);

  @Description("HashDetector: side of the hash in bits (default 8: 64 bits).")
  @Default.Integer(8)
  int getHashSize();

  void setHashSize(int value);

  @Description("HashDetector: low-pass factor; the hashed image is hashSize x hashLowpass pixels"
      + " square (default 2).")
  @Default.Integer(2)
  int getHashLowpass();

  void setHashLowpass(int value);

  @Description("HistogramDetector: cut where the luma histograms' correlation is at most 1 - this"
      + " (0-1, default 0.20).")
  @Default.Double(0.20)
  double getHistogramThreshold();

  void setHistogramThreshold(double value);

  @Description("HistogramDetector: bins of the luma histogram (1-256, default 128).")
  @Default.Integer(128)
  int getHistogramBins();

  void setHistogramBins(int value);

  @Description("ThresholdDetector: mean intensity (0-255) below which a frame is faded out (default 12).")
  @Default.Double(12.0)
  double getFadeThreshold();

  void setFadeThreshold(double value);

  @Description("ThresholdDetector: where the cut falls between fade-out and fade-in, -1 (at the"
      + " fade-out) to +1 (at the fade-in); default 0, midway.")
  @Default.Double(0.0)
  double getFadeBias();

  void setFadeBias(double value);

  @Description("Fades and dissolves are scene boundaries too: a scene ends where its transition"
      + " starts and the next begins where it ends (the scene list is then no longer PySceneDetect's)."
      + " Every video's typed transitions are in its scenes JSON either way.")
  @Default.Boolean(false)
  boolean getSplitGradual();

  void setSplitGradual(boolean value);

  @Description("ThresholdDetector: a video that ends faded out gets a cut where that fade began.")
  @Default.Boolean(false)
  boolean getAddFinalScene();

  void setAddFinalScene(boolean value);

  @Description("Memory (MB) each decoder may spend holding decoded frames until the cuts show which"
      + " become keyframe images; a pick it could not hold is fetched by seeking. 0: none held, every"
      + " keyframe image fetched by seeking. Default: on the Direct runner 768 (or an eighth of the"
      + " machine's memory if less) shared by the --workers decoders, at least 256 each; 512 on other"
      + " runners."
      + " About 3 MB per 1080p frame; never changes an output.")
  Integer getKeyframeBufferMb();

  void setKeyframeBufferMb(Integer value);

  @Description(
      "Target length in seconds of the keyframe-aligned segments a long video is split into."
          + " Default: one segment per worker, at least 60 s each (a video under twice that is one"
          + " segment); with --workers=1 videos are not split. Each segment costs an open, a seek"
          + " and boundary frames fetched by seeking. Given explicitly, every video is cut this fine.")
  Double getSegmentSeconds();

  void setSegmentSeconds(Double value);

  @Description("Documents for the knowledge base (Markdown, text, JSON, YAML; recursive).")
  String getDocs();

  void setDocs(String value);

  @Description("Embedding model: all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-en-v15, or a directory.")
  @Default.String("all-minilm-l6-v2")
  String getEmbeddingModel();

  void setEmbeddingModel(String value);

  @Description("Sample CPU, memory and disk into monitoring/resources_*.csv.")
  @Default.Boolean(false)
  boolean getMonitor();

  void setMonitor(boolean value);

  @Description("Seconds between resource samples.")
  @Default.Double(10.0)
  double getMonitorInterval();

  void setMonitorInterval(double value);

  @Description("Stop cleanly when memory use passes this percentage.")
  @Default.Double(90.0)
  double getMaxMemoryPct();

  void setMaxMemoryPct(double value);

  @Description(
      "Stop cleanly when free disk on the output volume falls under this many GB. Keep it above what"
          + " the films in flight still write: three keyframes a scene (about 0.25 MB each at 1080p)"
          + " and 1.9 MB of audio a minute.")
  @Default.Double(2.0)
  double getMinFreeDiskGb();

  void setMinFreeDiskGb(double value);

  @Description("A runner preset (properties file) merged under the flags given on the command line.")
  String getRunnerConfig();

  void setRunnerConfig(String value);
}
