package dev.reelbeam.pipelines;

import dev.reelbeam.transforms.model.Detector;

/** Checks the detector flags before anything runs, with messages that name the flag. */
public final class DetectorFlags {
  private DetectorFlags() {}

  public static void check(ReelBeamOptions o) throws CommandLine.BadArguments {
    try {
      Detector.parse(o.getDetector());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.BadArguments(e.getMessage());
    }
    require(o.getAdaptiveThreshold() >= 0, "--adaptiveThreshold must be 0 or more");
    require(o.getWindowWidth() >= 1, "--windowWidth must be at least 1 frame");
    require(o.getMinContentVal() >= 0, "--minContentVal must be 0 or more");
    require(o.getHashThreshold() >= 0 && o.getHashThreshold() <= 1, "--hashThreshold must be 0-1");
    require(o.getHashSize() >= 1 && o.getHashLowpass() >= 1
            && (long) o.getHashSize() * o.getHashLowpass() <= 4096
            && (o.getHashSize() * o.getHashLowpass()) % 2 == 0,
        "--hashSize and --hashLowpass must be at least 1, with an even product of at most 4096"
            + " (the DCT's size)");
    require(o.getHistogramThreshold() >= 0 && o.getHistogramThreshold() <= 1,
        "--histogramThreshold must be 0-1");
    require(o.getHistogramBins() >= 1 && o.getHistogramBins() <= 256, "--histogramBins must be 1-256");
    require(o.getFadeThreshold() >= 0 && o.getFadeThreshold() <= 255, "--fadeThreshold must be 0-255");
    require(o.getFadeBias() >= -1 && o.getFadeBias() <= 1, "--fadeBias must be between -1 and 1");
  }

  private static void require(boolean ok, String message) throws CommandLine.BadArguments {
    if (!ok) {
      throw new CommandLine.BadArguments(message);
    }
  }
}
