package dev.reelbeam.transforms.composition;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.DFT_COMPLEX_OUTPUT;
import static org.bytedeco.opencv.global.opencv_core.DFT_INVERSE;
import static org.bytedeco.opencv.global.opencv_core.DFT_SCALE;
import static org.bytedeco.opencv.global.opencv_core.cartToPolar;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.dft;
import static org.bytedeco.opencv.global.opencv_core.exp;
import static org.bytedeco.opencv.global.opencv_core.log;
import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.polarToCart;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.blur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The visual weight map of an image: spectral-residual saliency (Hou and Zhang 2007, "Saliency
 * Detection: A Spectral Residual Approach") computed at {@link #SALIENCY_WIDTH} px, plus Sobel edge
 * strength, each scaled to a maximum of 1 and mixed {@code 0.7 saliency + 0.3 edges} on a map
 * {@link #MAP_WIDTH} px wide.
 */
public final class SaliencyMaps {
  public static final int MAP_WIDTH = 128;
  public static final int SALIENCY_WIDTH = 64;
  public static final double SALIENCY_WEIGHT = 0.7;
  public static final double EDGE_WEIGHT = 0.3;
  /** Gaussian smoothing of the saliency, in pixels at {@link #SALIENCY_WIDTH}. */
  static final double SALIENCY_SIGMA = 2.5;

  private SaliencyMaps() {}

  /**
   * JPEG reductions tried, coarsest first: libjpeg scales in the DCT, so an eighth-size read of a
   * 1080p keyframe costs a fraction of a full decode, and 240 px is still wider than the map.
   */
  private static final int[] REDUCTIONS = {
    IMREAD_REDUCED_COLOR_8, IMREAD_REDUCED_COLOR_4, IMREAD_REDUCED_COLOR_2, IMREAD_COLOR
  };

  /**
   * Reads a JPEG at the coarsest reduction that is still at least {@link #MAP_WIDTH} px wide (the
   * decoder skips the rest of the work) and computes its weight map.
   *
   * @throws IOException when the file is missing or not an image
   */
  public static WeightMap read(Path image) throws IOException {
    if (!Files.isRegularFile(image)) {
      throw new IOException("keyframe image not found: " + image);
    }
    for (int i = 0; i < REDUCTIONS.length; i++) {
      try (Mat bgr = imread(image.toString(), REDUCTIONS[i])) {
        if (bgr == null || bgr.empty()) {
          throw new IOException("keyframe image cannot be decoded: " + image);
        }
        if (bgr.cols() >= MAP_WIDTH || i == REDUCTIONS.length - 1) {
          return weightMap(bgr);
        }
      }
    }
    throw new AssertionError("unreachable");
  }

  /** Weight map of a BGR (or grey) 8-bit image. */
  public static WeightMap weightMap(Mat image) {
    dev.reelbeam.io.video.OpenCvThreads.useCallerOnly();
    int mw = Math.min(MAP_WIDTH, image.cols());
    int mh = Math.max(1, (int) Math.round((double) mw * image.rows() / image.cols()));
    int sw = Math.min(SALIENCY_WIDTH, image.cols());
    int sh = Math.max(1, (int) Math.round((double) sw * image.rows() / image.cols()));
    try (Mat grey8 = new Mat();
        Mat grey = new Mat();
        Mat small = new Mat();
        Mat mapGrey = new Mat();
        Mat sal = new Mat();
        Mat salMap = new Mat();
        Mat gx = new Mat();
        Mat gy = new Mat();
        Mat edges = new Mat();
        Size saliencySize = new Size(sw, sh);
        Size mapSize = new Size(mw, mh)) {
      if (image.channels() == 3) {
        cvtColor(image, grey8, COLOR_BGR2GRAY);
      } else {
        image.copyTo(grey8);
      }
      grey8.convertTo(grey, CV_32F, 1 / 255.0, 0);
      resize(grey, small, saliencySize, 0, 0, INTER_AREA);
      // The DFT treats the image as periodic: the jump between opposite edges shows up as false
      // saliency along the border. Mirror-pad, compute, crop.
      int pad = Math.max(2, sw / 8);
      try (Mat padded = new Mat(); Mat salPadded = new Mat()) {
        copyMakeBorder(small, padded, pad, pad, pad, pad, BORDER_REFLECT);
        spectralResidual(padded, salPadded);
        try (Rect inner = new Rect(pad, pad, sw, sh); Mat crop = new Mat(salPadded, inner)) {
          crop.copyTo(sal);
        }
      }
      resize(sal, salMap, mapSize, 0, 0, INTER_LINEAR);
      resize(grey, mapGrey, mapSize, 0, 0, INTER_AREA);
      Sobel(mapGrey, gx, CV_32F, 1, 0, 3, 1, 0, BORDER_REFLECT);
      Sobel(mapGrey, gy, CV_32F, 0, 1, 3, 1, 0, BORDER_REFLECT);
      magnitude(gx, gy, edges);
      float[] s = values(salMap, mw, mh);
      float[] e = values(edges, mw, mh);
      double sMax = max(s);
      double eMax = max(e);
      double[] out = new double[mw * mh];
      for (int i = 0; i < out.length; i++) {
        double sv = sMax > 1e-12 ? s[i] / sMax : 0;
        double ev = eMax > 1e-6 ? e[i] / eMax : 0;
        out[i] = SALIENCY_WEIGHT * Math.max(0, sv) + EDGE_WEIGHT * ev;
      }
      return new WeightMap(mw, mh, out);
    }
  }

  /** Spectral residual saliency of a float grey image, smoothed; not normalised. */
  static void spectralResidual(Mat grey, Mat out) {
    try (Mat spectrum = new Mat();
        MatVector parts = new MatVector();
        Mat amp = new Mat();
        Mat phase = new Mat();
        Mat logAmp = new Mat();
        Mat avg = new Mat();
        Mat residual = new Mat();
        Mat expRes = new Mat();
        Mat re = new Mat();
        Mat im = new Mat();
        Mat back = new Mat();
        MatVector ri = new MatVector();
        MatVector backParts = new MatVector();
        Mat power = new Mat();
        Size box = new Size(3, 3);
        Size gauss = new Size(0, 0)) {
      dft(grey, spectrum, DFT_COMPLEX_OUTPUT, 0);
      split(spectrum, parts);
      cartToPolar(parts.get(0), parts.get(1), amp, phase, false);
      amp.convertTo(amp, CV_32F, 1, 1e-6); // log of zero
      log(amp, logAmp);
      blur(logAmp, avg, box);
      subtract(logAmp, avg, residual);
      exp(residual, expRes);
      polarToCart(expRes, phase, re, im, false);
      ri.push_back(re);
      ri.push_back(im);
      merge(ri, spectrum);
      dft(spectrum, back, DFT_INVERSE | DFT_SCALE | DFT_COMPLEX_OUTPUT, 0);
      split(back, backParts);
      magnitude(backParts.get(0), backParts.get(1), power);
      power.convertTo(power, CV_32F);
      org.bytedeco.opencv.global.opencv_core.multiply(power, power, power);
      GaussianBlur(power, out, gauss, SALIENCY_SIGMA, SALIENCY_SIGMA, BORDER_REFLECT, 0);
    }
  }

  private static float[] values(Mat m, int w, int h) {
    float[] v = new float[w * h];
    try (FloatIndexer idx = m.createIndexer()) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          v[y * w + x] = idx.get(y, x);
        }
      }
    }
    return v;
  }

  private static double max(float[] v) {
    double m = 0;
    for (float f : v) {
      m = Math.max(m, f);
    }
    return m;
  }
}
