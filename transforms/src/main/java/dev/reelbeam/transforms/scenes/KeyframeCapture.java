package dev.reelbeam.transforms.scenes;

import dev.reelbeam.io.files.OutputStore;
import dev.reelbeam.io.video.DecodedFrame;
import dev.reelbeam.io.video.HeldFrame;
import dev.reelbeam.io.video.JpegEncoder;
import dev.reelbeam.io.video.StreamClock;
import dev.reelbeam.io.video.UprightConverter;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.model.DetectorSettings;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.model.FrameQuality;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes, during the decode pass, the frames the keyframe picks will most likely want, so that
 * {@code ExtractFrames} renames them instead of seeking and decoding a GOP per pick. Why this works
 * without knowing the cuts: the segment runs the chosen cut detector on its frames
 * ({@link CutPredictor}: ContentDetector's flash filter, AdaptiveDetector's ratio, the hash and
 * histogram thresholds, ThresholdDetector's fades), so
 * inside a segment it emits the same cuts as the stitched detection (at most {@code min_scene_len}
 * frames late), and every frame a pick of a scene can fall on is still held when its cut arrives:
 * the last few frames (end and begin picks around a cut) and the second half of the current scene
 * (its middle pick; with best frames, only those of its frames the middle and end choices can still
 * take, see {@link WindowCandidates}). Held frames are references to FFmpeg's decoded buffers,
 * converted and encoded only when picked; what is held is bounded by a byte budget.
 *
 * <p>It is a cache: what it gets wrong (a scene begun in an earlier segment, cuts the segment
 * boundary hides, a middle evicted by the budget) costs a seek later, never a wrong image, since a
 * staged image is found only under its frame's exact time and is the same bytes a seek gives.
 */
public final class KeyframeCapture implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyframeCapture.class);
  private final OutputStore root;
  private final VideoInfo video;
  private final boolean firstSegment;
  private final boolean lastSegment;
  private final double durationSeconds;
  private final double fps;
  private final double interval;
  private final DetectorSettings settings;
  private final CutPredictor cuts;
  private final long budget;
  /** Frames kept behind the newest one for a cut the flash filter emits late. */
  private final int ring;
  private final UprightConverter converter;
  private final JpegEncoder encoder = new JpegEncoder(KeyframeWriter.JPEG_QUALITY);

  private final ArrayDeque<HeldFrame> held = new ArrayDeque<>();
  private long heldBytes;
  private double[] times = new double[256];
  private double[] sharpness = new double[256];
  private double[] brightness = new double[256];
  private double[] contrast = new double[256];
  /** Best mode: what the transition classifier reads, so the pass leaves out fades as the stitch does. */
  private double[] averageRgb = new double[256];
  /**
   * Best mode: the thumbnails of frames {@link #thumbBase} on, which only the transition classifier
   * reads, and only from {@link #thumbFloor} on: older ones are dropped as the array fills, so a long
   * segment keeps about a scene's worth (64 bytes a frame) rather than all of them.
   */
  private byte[] thumbs = new byte[256 * THUMB_BYTES];
  private int thumbBase;
  /** Best mode: the frames of the fades, dissolves and flashes found so far (never chosen). */
  private final BitSet gradual = new BitSet();
  /** Best mode: the cuts predicted so far (local frames), from {@link #thumbFloor} on. */
  private final ArrayDeque<Long> cutList = new ArrayDeque<>();
  private int count;
  /** Whether picks are moved to the best frame of their window (--keyframes=best). */
  private final boolean best;
  /**
   * Best mode: the current scene's begin-window candidates, each sharper than the one before (a
   * prefix maximum of good frames from the scene's second frame): whatever the scene's length, the
   * begin choice is one of them. Their frames stay held (in {@link #pinned} once trimmed).
   */
  private final ArrayDeque<Integer> records = new ArrayDeque<>();
  private final ArrayDeque<HeldFrame> pinned = new ArrayDeque<>();
  /**
   * Best mode: the current scene's frames older than the newest {@link #ring} that its middle or end
   * choice can still take ({@link WindowCandidates}), ascending. Holding these rather than every
   * frame from the middle window's earliest start keeps a long take's middle and end within a few
   * dozen frames.
   */
  private final ArrayList<HeldFrame> kept = new ArrayList<>();
  /** {@link #kept}'s size after its last pruning: it is pruned again once it has grown by {@link #PRUNE_STEP}. */
  private int keptPruned;
  private static final int PRUNE_STEP = 8;
  private KeyframeChooser chooser;
  private final BitSet above = new BitSet();
  private final BitSet captured = new BitSet();
  private final TreeSet<Integer> wanted = new TreeSet<>();
  /** Local index of the current scene's first frame; -1 when it began in an earlier segment. */
  private int sceneStart;
  private int staged;
  /** The most bytes held at once, and the frame that came then (for the debug line at close). */
  private long peakBytes;
  private int peakFrame;

  public KeyframeCapture(
      CapturePlan plan, DetectorSettings settings, VideoSegment segment, StreamClock clock) {
    this.root = OutputStore.at(plan.outputRoot());
    this.video = segment.video();
    this.firstSegment = segment.index() == 0;
    this.lastSegment = segment.index() == segment.count() - 1;
    this.durationSeconds = segment.video().durationSeconds();
    this.fps = segment.video().fps();
    this.interval = plan.intervalSeconds();
    this.settings = settings;
    this.cuts = new CutPredictor(settings, fps, clock);
    this.budget = plan.budgetBytes();
    // adaptive decides a frame windowWidth frames late
    int late = settings.detector() == dev.reelbeam.transforms.model.Detector.ADAPTIVE ? settings.windowWidth() : 0;
    this.ring = plan.sceneMode() ? settings.minSceneLen() + 3 + late : 2;
    this.converter = new UprightConverter(segment.video().rotation());
    this.sceneStart = firstSegment ? 0 : -1;
    this.best = plan.best();
    if (plan.sceneMode()) {
      // The first scene's begin pick; and, since encoders put keyframes (where segments start) at
      // shot changes, a cut on a segment's first frame is common: its next scene's begin pick.
      wanted.add(1);
    }
  }

  /** Images staged so far. */
  public int staged() {
    return staged;
  }

  /**
   * Takes the next frame of the segment with its content value (ignored for the segment's first
   * frame, whose score the stitch computes) and its quality (for the best-frame choice).
   */
  public void accept(DecodedFrame f, double contentVal, FrameQuality quality) throws Exception {
    accept(f, contentVal, Double.NaN, Double.NaN, Double.NaN, null, quality);
  }

  /**
   * Takes the next frame with every metric the detectors use (its {@code hashDist} and
   * {@code histDiff} NaN for the segment's first frame), so the capture predicts the chosen
   * detector's cuts.
   */
  void accept(DecodedFrame f, double contentVal, DetectorMetrics.Values v) throws Exception {
    accept(f, contentVal, v.hashDist(), v.histDiff(), v.averageRgb(), v.thumbnail(), v.quality());
  }

  private static final int THUMB_BYTES = DetectorMetrics.THUMB * DetectorMetrics.THUMB;

  private void accept(
      DecodedFrame f, double contentVal, double hashDist, double histDiff, double averageRgb,
      byte[] thumbnail, FrameQuality quality) throws Exception {
    int j = f.index();
    if (j != count) {
      throw new IllegalStateException("frames must come in order: expected " + count + ", got " + j);
    }
    if (count == times.length) {
      grow();
    }
    if (best) {
      keepThumbnail(thumbnail);
    }
    sharpness[count] = quality.sharpness();
    brightness[count] = quality.brightness();
    contrast[count] = quality.contrast();
    this.averageRgb[count] = averageRgb;
    times[count++] = f.time();
    HeldFrame h = f.hold();
    held.addLast(h);
    heldBytes += h.bytes();
    if (heldBytes > peakBytes) {
      peakBytes = heldBytes;
      peakFrame = j;
    }
    if (interval > 0) {
      intervalStep(j);
    } else {
      sceneStep(j, cuts.next(j, f.pts(), f.time(), contentVal, hashDist, histDiff, averageRgb));
      if (best && !cutNow) {
        advance(j);
      }
      cutNow = false;
    }
    if (wanted.remove(j)) {
      capture(j);
    }
    trim(j);
  }

  private void grow() {
    int n = times.length * 2;
    times = Arrays.copyOf(times, n);
    sharpness = Arrays.copyOf(sharpness, n);
    brightness = Arrays.copyOf(brightness, n);
    contrast = Arrays.copyOf(contrast, n);
    averageRgb = Arrays.copyOf(averageRgb, n);
    chooser = null;
  }

  /**
   * Stores the newest frame's thumbnail (zeros when it has none). A full array first drops the
   * frames before {@link #thumbFloor} if that frees half of it, else doubles.
   */
  private void keepThumbnail(byte[] thumbnail) {
    int slot = count - thumbBase;
    if ((slot + 1) * THUMB_BYTES > thumbs.length) {
      int drop = thumbFloor() - thumbBase;
      if (drop > 0 && drop >= slot / 2) {
        System.arraycopy(thumbs, drop * THUMB_BYTES, thumbs, 0, (slot - drop) * THUMB_BYTES);
        thumbBase += drop;
        slot -= drop;
      } else {
        thumbs = Arrays.copyOf(thumbs, thumbs.length * 2);
      }
    }
    if (thumbnail != null && thumbnail.length == THUMB_BYTES) {
      System.arraycopy(thumbnail, 0, thumbs, slot * THUMB_BYTES, THUMB_BYTES);
    } else {
      Arrays.fill(thumbs, slot * THUMB_BYTES, (slot + 1) * THUMB_BYTES, (byte) 0);
    }
  }

  /**
   * The first frame the transition classifier can still be given: {@link #findGradual} starts at
   * the current scene's start less the classifier's context, and the scene start only moves on.
   * The fade-in watch reads the newest two frames, which lie after it.
   */
  private int thumbFloor() {
    return sceneStart < 0 ? 0 : Math.max(0, sceneStart - classifierContext());
  }

  private void sceneStep(int j, CutPredictor.Step step) throws Exception {
    int a = step.aboveFrame();
    if (step.above()) {
      above.set(a);
    }
    if (step.cut() > 0) {
      onCut((int) step.cut(), j);
    }
    if (!firstSegment && step.above() && a < ring) {
      // The segment's filter has not settled yet (it starts as if its first frame were a cut), so
      // the stitched detection may cut here where this one does not: keep both sides.
      want(a - 1, j);
      want(a + 1, j);
    }
  }

  private void onCut(int c, int j) throws Exception {
    if (best) {
      cutList.add((long) c);
      findGradual(sceneStart >= 0 ? sceneStart : 0, j);
    }
    if (sceneStart >= 0) {
      wantScene(sceneStart, c, times[c], j);
    } else if (best) {
      // a scene that began in an earlier segment: its end window reaches at least a fifth of the
      // way back from the cut to this segment's start; the best of that part is the likely choice
      want((int) chooser().choose(2, 0, c, c - 1, x -> atHand(x, j)), j);
      // and its begin window may reach into this segment: the best of that part is a record
      for (int r : records) {
        want(r, j);
      }
    } else {
      want(c - 1, j); // end pick of a scene that began in an earlier segment
    }
    releaseKeptBefore(c); // the windows of the next scene start at its cut
    sceneStart = c;
    want(c + 1, j); // begin pick of the next scene (one frame after its start)
    if (best) {
      clearRecords();
      pending.clear();
      // the classifier's fade-in cut short by a cut: a rise in spread from the cut frame
      riseFrom = c;
      riseFromCut = true;
      riseMoved = 0;
      for (int k = c + 1; k <= j; k++) {
        advance(k);
      }
      cutNow = true;
    }
  }

  /**
   * Frames of context the transition classifier needs before a scene to see what the stitch sees
   * there: its longest dissolve window (2.6 s) with the steady sides around it.
   */
  private int classifierContext() {
    return (int) Math.ceil(3.5 * fps) + 8;
  }

  /**
   * Best mode: finds the fades, dissolves and flashes among frames {@code from - context} to
   * {@code j} as the stitch's classifier does, so the pass's choice leaves them out too (else it
   * stages a fade frame the stitched choice leaves out, and the pick is sought).
   */
  private void findGradual(int from, int j) {
    int lo = Math.max(0, from - classifierContext());
    int n = j + 1 - lo;
    while (!cutList.isEmpty() && cutList.peekFirst() < lo) {
      cutList.pollFirst(); // lo only moves on (see thumbFloor)
    }
    java.util.List<Long> cutsHere = new java.util.ArrayList<>();
    for (long c : cutList) {
      if (c >= lo && c <= j) {
        cutsHere.add(c - lo);
      }
    }
    BitSet found = TransitionClassifier.gradualFrames(
        Arrays.copyOfRange(contrast, lo, j + 1),
        Arrays.copyOfRange(averageRgb, lo, j + 1),
        Arrays.copyOfRange(thumbs, (lo - thumbBase) * THUMB_BYTES, (j + 1 - thumbBase) * THUMB_BYTES),
        n, fps, cutsHere);
    gradual.clear(lo, j + 1);
    for (int k = found.nextSetBit(0); k >= 0; k = found.nextSetBit(k + 1)) {
      gradual.set(lo + k);
    }
  }

  /** Wants the three picks of the scene {@code [start, end)} ending at {@code endTime}. */
  private void wantScene(int start, int end, double endTime, int j) throws Exception {
    long[] picks = KeyframePlanner.scenePickFrames(times[start], endTime, start, end, times, fps);
    for (int p = 0; p < 3; p++) {
      long frame = picks[p];
      if (best) {
        frame = chooser().choose(p, start, end, frame, x -> atHand(x, j));
      }
      want((int) frame, j);
    }
  }

  /**
   * The decode pass's own choice: the stitched choice also leaves transition frames out, which this
   * one cannot see yet, so where they differ the writer seeks.
   */
  private KeyframeChooser chooser() {
    if (chooser == null) {
      chooser = new KeyframeChooser(sharpness, brightness, contrast, gradual);
    }
    return chooser;
  }

  /**
   * Whether frame {@code x} can still be staged when frame {@code j} is the newest: held, pinned,
   * staged already, or yet to come. The pass's choice keeps to these, as the planner's does to the
   * staged ones ({@link KeyframeChooser#choose(int, long, long, long, java.util.function.IntPredicate)}):
   * where a long take's window has left the buffer, the best frame still held stands in for it
   * rather than nothing (a seek).
   */
  private boolean atHand(int x, int j) {
    if (x > j || captured.get(x)) {
      return true;
    }
    if (!held.isEmpty() && x >= held.peekFirst().index() && x <= held.peekLast().index()) {
      return true;
    }
    for (HeldFrame h : pinned) {
      if (h.index() == x) {
        return true;
      }
    }
    return keptAt(x) != null;
  }

  /** The frame {@code x} if it is in {@link #kept}, else null. */
  private HeldFrame keptAt(int x) {
    int lo = 0;
    int hi = kept.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long i = kept.get(mid).index();
      if (i == x) {
        return kept.get(mid);
      } else if (i < x) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** Set while the newest frame was handled by a cut (so it is not recorded twice). */
  private boolean cutNow;
  /**
   * Best mode, fades in as the pass goes: the frame a rise in spread started from (the last flat
   * frame before it, or a cut), or -1; the frames of the rise so far wait in {@link #pending}. A
   * fade-in's frames are left out of the choice by the stitch, and they are sharper and sharper: as
   * begin candidates they would crowd out the frames after the fade, which the stitch chooses. So
   * they become candidates only once the rise has ended and is no fade by the classifier's rules.
   */
  private int riseFrom = -1;
  private boolean riseFromCut;
  private double riseMoved;
  private final ArrayDeque<Integer> pending = new ArrayDeque<>();

  /** Best mode: frame {@code j} goes through the fade-in watch, then may become a begin candidate. */
  private void advance(int j) {
    if (riseFrom >= 0) {
      int k = j - 1;
      if (rises(k, j)) {
        riseMoved += thumbDistance(k, j);
        pending.addLast(j);
        return;
      }
      boolean fade = riseFromCut
          ? j - riseFrom >= 3 && contrast[riseFrom] <= contrast[j - 1] / 3
          : j - (riseFrom + 1) >= 2 && contrast[j - 1] >= pictureStd(fadeInStart(riseFrom + 1));
      riseFrom = -1;
      if (!fade) {
        for (int p : pending) {
          record(p);
        }
      }
      pending.clear();
    }
    if (j > 0 && flatFrame(j - 1) && !flatFrame(j)) {
      riseFrom = j - 1;
      riseFromCut = false;
      riseMoved = 0;
      if (rises(j - 1, j)) {
        riseMoved = thumbDistance(j - 1, j);
        pending.addLast(j);
        return;
      }
      riseFrom = -1;
    }
    record(j);
  }

  /** TransitionClassifier's walk on from a faded frame: whether the step from k to k + 1 is still the fade's. */
  private boolean rises(int k, int next) {
    double step = contrast[next] - contrast[k];
    int steps = k - riseFrom;
    return !(step <= 0.05
        || (steps > 0 && step < 0.25 * (contrast[k] - contrast[riseFrom]) / steps)
        || (steps > 0 && thumbDistance(k, next) < 0.25 * riseMoved / steps));
  }

  /** The classifier's flat frame. */
  private boolean flatFrame(int i) {
    double std = contrast[i];
    double mean = averageRgb[i];
    double flat = TransitionClassifier.FLAT_STD;
    double dark = TransitionClassifier.DARK;
    return std < flat || (std < 2 * flat && (mean < dark || mean > 255 - dark));
  }

  /** The spread a fade-in out of the flat run ending before {@code b} starts from (the classifier's {@code start}). */
  private double fadeInStart(int b) {
    int a = b - 1;
    while (a > 0 && flatFrame(a - 1)) {
      a--;
    }
    int end = a;
    while (end + 1 < b && contrast[end + 1] < contrast[end] - 0.1) {
      end++;
    }
    int start = b - 1;
    while (start - 1 > end && contrast[start - 1] < contrast[start] - 0.1) {
      start--;
    }
    return contrast[start];
  }

  private static double pictureStd(double fadedStd) {
    return Math.max(1.5 * TransitionClassifier.FLAT_STD, 3 * fadedStd);
  }

  private double thumbDistance(int i, int j) {
    return TransitionClassifier.thumbDistance(thumbs, i - thumbBase, j - thumbBase);
  }

  /** Best mode: frame {@code j} of the current scene joins the begin candidates if it is a record. */
  private void record(int j) {
    if (j <= sceneStart || chooser().poor(j)) {
      return;
    }
    if (!records.isEmpty() && !(sharpness[j] > sharpness[records.peekLast()])) {
      return;
    }
    records.addLast(j);
    // The begin window ends at least a fifth of the way from the scene's start to j: a record
    // before that, followed by another before it, can no longer be the choice. (A scene begun in
    // an earlier segment: its start, and so this bound, is unknown.)
    long windowEnd = sceneStart < 0 ? 0 : sceneStart + 1 + Math.max(0, j - sceneStart - 2) / 5;
    while (records.size() > 1) {
      Iterator<Integer> it = records.iterator();
      int first = it.next();
      if (it.next() >= windowEnd) {
        break;
      }
      records.pollFirst();
      unpin(first);
    }
    if (records.size() > MAX_RECORDS) {
      dropCrowdedRecord();
    }
  }

  /**
   * Drops one begin candidate (never the newest). Candidate r is the choice when the begin window
   * ends after it and no later than the next candidate r', that is for scenes from about 5 (r -
   * start) to 5 (r' - start) frames long; scene lengths spread over orders of magnitude, so the
   * candidate whose range is the smallest on a log scale, {@code (r' - start) / (r - start)}, is the
   * least likely to be needed. (Dropping the oldest lost the choice of every steadily sharpening
   * shot of a few seconds: its first fifth's candidates all went.)
   */
  private void dropCrowdedRecord() {
    Integer[] r = records.toArray(new Integer[0]);
    long base = Math.max(0, sceneStart);
    int worst = 0;
    double worstRange = Double.POSITIVE_INFINITY;
    for (int i = 0; i < r.length - 1; i++) {
      double range = (double) (r[i + 1] - base) / Math.max(1, r[i] - base);
      if (range < worstRange) {
        worstRange = range;
        worst = i;
      }
    }
    records.remove(r[worst]);
    unpin(r[worst]);
  }

  /** Begin candidates kept per scene at most (a steadily sharpening shot: a focus pull). */
  private static final int MAX_RECORDS = 16;

  private void clearRecords() {
    records.clear();
    while (!pinned.isEmpty()) {
      release(pinned.pollFirst());
    }
  }

  private void unpin(int frame) {
    for (Iterator<HeldFrame> it = pinned.iterator(); it.hasNext(); ) {
      HeldFrame h = it.next();
      if (h.index() == frame) {
        it.remove();
        release(h);
        return;
      }
    }
  }

  /** Drops the oldest held frame, or pins it when it is a begin candidate. */
  private void dropOldest() {
    HeldFrame h = held.pollFirst();
    if (best && records.contains((int) h.index())) {
      pinned.addLast(h);
    } else {
      release(h);
    }
  }

  private void intervalStep(int j) throws Exception {
    double t = times[j];
    if (j == 0) {
      double since = firstSegment ? Double.NEGATIVE_INFINITY : t - 1.5 / fps;
      if (firstSegment || nextTarget(since) <= t) {
        want(0, j);
      }
      return;
    }
    double prev = times[j - 1];
    for (double target = nextTarget(prev); target <= t; target = nextTarget(target)) {
      want(target - prev < t - target ? j - 1 : j, j);
    }
  }

  /** The first interval target time strictly after {@code t}. */
  private double nextTarget(double t) {
    if (t < 0) {
      return 0;
    }
    long k = (long) Math.floor(t / interval) + 1;
    while (KeyframePlanner.intervalTime(k, interval) <= t) {
      k++; // k * interval rounded down onto t itself
    }
    while (k > 0 && KeyframePlanner.intervalTime(k - 1, interval) > t) {
      k--;
    }
    return KeyframePlanner.intervalTime(k, interval);
  }

  /** Captures frame {@code x} now if it has been decoded ({@code x <= j}), else when it arrives. */
  private void want(int x, int j) throws Exception {
    if (x < 0) {
      return;
    }
    if (x <= j) {
      capture(x);
    } else {
      wanted.add(x);
    }
  }

  private void capture(int x) throws Exception {
    if (captured.get(x)) {
      return;
    }
    for (HeldFrame h : pinned) {
      if (h.index() == x) {
        stage(h);
        return;
      }
    }
    HeldFrame k = keptAt(x);
    if (k != null) {
      stage(k);
      return;
    }
    Iterator<HeldFrame> it = held.descendingIterator();
    while (it.hasNext()) {
      HeldFrame h = it.next();
      if (h.index() == x) {
        stage(h);
        return;
      }
      if (h.index() < x) {
        return; // no longer held: the writer will seek for it
      }
    }
  }

  private void stage(HeldFrame h) throws Exception {
    byte[] jpeg = encoder.encode(converter.convert(h));
    StagedKeyframes.stage(root, StagedKeyframes.relativePath(video, h.time()), jpeg);
    captured.set((int) h.index());
    staged++;
  }

  /** Drops frames no pick can fall on any more, then the oldest ones beyond the byte budget. */
  private void trim(int j) {
    if (best && sceneStart >= 0) {
      trimBest(j);
      return;
    }
    long keepFrom = (long) j - ring;
    // the frames exact mode keeps for the middle pick: best mode gives up on a long take's middle
    // no sooner than exact mode does, so its middle window keeps a held frame wherever exact's
    // middle is held (the choice then takes the best of those rather than seek)
    long exactFrom = keepFrom;
    if (interval == 0 && sceneStart >= 0) {
      // a cut emitted from now on lies at or after j - ring: its scene's middle after this (best
      // mode: the middle fifth's start, two fifths in)
      long sinceStart = Math.max(0, j - ring - sceneStart);
      long middle = best ? 2 * sinceStart / 5 - 3 : sinceStart / 2 - 2;
      keepFrom = Math.min(keepFrom, sceneStart + middle);
      exactFrom = Math.min(exactFrom, sceneStart + sinceStart / 2 - 2);
    }
    if (interval == 0) {
      keepFrom = Math.min(keepFrom, cuts.holdFrom()); // a fade's cut falls inside the fade
    }
    while (!held.isEmpty() && held.peekFirst().index() < keepFrom) {
      dropOldest();
    }
    if (hopeless(j, exactFrom)) {
      // The current scene's middle can no longer be held until its cut (see hopeless): keep only
      // the frames around the next cut. The middle is fetched by seeking either way, and the
      // decoder stops writing into cold buffers, and the memory is free, for the rest of a long take.
      while (held.size() > ring + 1) {
        dropOldest();
      }
    }
    while (heldBytes > budget && held.size() > ring + 1) {
      dropOldest();
    }
  }

  /**
   * Best mode, in a scene whose start is known: holds the newest {@link #ring} frames (and a fade
   * the threshold detector's cut may fall inside) whole, and of the older ones only those the middle
   * or end choice of a cut still possible can take ({@link #kept}) and the begin candidates.
   */
  private void trimBest(int j) {
    long earliestCut = Math.min((long) j - ring, cuts.holdFrom());
    // no middle window of a cut at or after earliestCut starts before two fifths of the way to it
    long floor = sceneStart + 2 * Math.max(0, earliestCut - sceneStart) / 5 - 3;
    while (!held.isEmpty() && held.peekFirst().index() < earliestCut) {
      HeldFrame h = held.pollFirst();
      if (records.contains((int) h.index())) {
        pinned.addLast(h);
      } else if (h.index() > sceneStart && (h.index() >= floor || good((int) h.index()))) {
        kept.add(h); // before the floor only a good frame, the fallback of a window all poor
      } else {
        release(h);
      }
    }
    if (kept.size() >= keptPruned + PRUNE_STEP) {
      pruneKept(j, earliestCut);
    }
    if (heldBytes > budget) {
      pruneKept(j, earliestCut);
      while (heldBytes > budget && !kept.isEmpty()) {
        release(kept.remove(0));
      }
      keptPruned = kept.size();
      while (heldBytes > budget && held.size() > ring + 1) {
        dropOldest();
      }
    }
  }

  /** Releases the frames of {@link #kept} that no middle or end window still possible can choose. */
  private void pruneKept(int j, long earliestCut) {
    int n = kept.size();
    int[] pool = new int[n + held.size()];
    for (int i = 0; i < n; i++) {
      pool[i] = (int) kept.get(i).index();
    }
    int count = n;
    for (HeldFrame h : held) {
      if (h.index() > sceneStart) {
        pool[count++] = (int) h.index();
      }
    }
    boolean[] keep = new boolean[count];
    WindowCandidates.stillChoosable(sceneStart, earliestCut, j, pool, count, sharpness, this::good, keep);
    // A window whose frames are all poor (a scene going dark) takes the scene's good frame nearest
    // to it (KeyframeChooser#nearestGood): for a window after it, the newest good frame so far. One
    // frame more; it was the middle and end pick of the 38-frame scene 15 of the expensive film
    // (and its repeats 35, 55, 75), 8 of the film's 16 sought picks.
    for (int i = n - 1; i >= 0; i--) {
      if (good(pool[i])) {
        keep[i] = true;
        break;
      }
    }
    int w = 0;
    for (int i = 0; i < n; i++) {
      HeldFrame h = kept.get(i);
      if (keep[i]) {
        kept.set(w++, h);
      } else {
        release(h);
      }
    }
    kept.subList(w, n).clear();
    keptPruned = kept.size();
  }

  /** A frame the choice takes before others: outside the transitions found so far, not poor. */
  private boolean good(int x) {
    return !gradual.get(x) && !Double.isNaN(sharpness[x]) && !chooser().poor(x);
  }

  private void releaseKeptBefore(int c) {
    int w = 0;
    for (HeldFrame h : kept) {
      if (h.index() < c) {
        release(h);
      } else {
        kept.set(w++, h);
      }
    }
    kept.subList(w, kept.size()).clear();
    keptPruned = kept.size();
  }

  /**
   * Whether no middle pick of the current scene can be captured any more. Under the budget only the
   * newest {@code fit} frames stay held; a middle is captured only if it is still among them when its
   * cut arrives. The window from {@code keepFrom} (a lower bound on the middle of any cut emitted
   * from now on; the middle itself lies at most {@code ring / 2 + 3} frames after it) to the newest
   * frame only grows as the scene goes on: once it exceeds {@code fit} by more than that slack, it
   * always will.
   */
  private boolean hopeless(int j, long keepFrom) {
    long frameBytes = held.isEmpty() ? 0 : held.peekLast().bytes();
    if (frameBytes <= 0 || interval > 0 || sceneStart < 0) {
      return false;
    }
    long fit = budget / frameBytes;
    long window = j - keepFrom + 1;
    return window > fit + ring + 4;
  }

  /** Frames held now (for tests): the newest ones, the window candidates and the begin candidates. */
  int heldFrames() {
    return held.size() + kept.size() + pinned.size();
  }

  private void release(HeldFrame h) {
    heldBytes -= h.bytes();
    h.close();
  }

  /** Called after the segment's last frame: the picks only the end of the segment decides. */
  public void finish() throws Exception {
    int n = count;
    if (n == 0) {
      return;
    }
    int last = n - 1;
    if (interval > 0) {
      if (!lastSegment && nextTarget(times[last]) < times[last] + 1.5 / fps) {
        want(last, last);
      }
      return;
    }
    if (lastSegment) {
      if (best) {
        findGradual(Math.max(0, sceneStart), last);
      }
      if (sceneStart >= 0) {
        wantScene(sceneStart, n, durationSeconds, last);
      } else {
        want((int) KeyframePlanner.frameAt(times, durationSeconds - 1.0 / fps, 0, last), last);
      }
    } else {
      want(last, last); // the end pick should the next segment start with a cut
      for (int r : records) {
        want(r, last); // the scene goes on in the next segment: its begin choice is one of these
      }
      if (best && sceneStart >= 0) {
        // and its middle is most likely one of these: the next segment cannot see this one's frames
        pruneKept(last, n);
        for (HeldFrame h : kept) {
          want((int) h.index(), last);
        }
      }
      // cuts still pending in the filter are decided with the next segment
      for (int a = above.nextSetBit(Math.max(0, n - ring)); a >= 0; a = above.nextSetBit(a + 1)) {
        want(a - 1, last);
        want(a + 1, last);
      }
    }
  }

  @Override
  public void close() {
    if (LOG.isDebugEnabled()) {
      LOG.debug(String.format(Locale.ROOT,
          "capture of %s from %.3f s: %d frames, %d staged; held at most %.0f MB (budget %.0f MB), at frame %d",
          video.videoId(), count == 0 ? 0 : times[0], count, staged, peakBytes / 1048576.0,
          budget / 1048576.0, peakFrame));
    }
    while (!held.isEmpty()) {
      release(held.pollFirst());
    }
    releaseKeptBefore(Integer.MAX_VALUE);
    clearRecords();
    converter.close();
    encoder.close();
  }
}
