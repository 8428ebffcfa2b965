package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;

/**
 * Not a test: what {@code FramesToScenes}' GroupByKey costs for a 2-hour film (172,800 frames at 24
 * fps, in the 120 one-minute segments {@code VideoToFrames} makes of it): every
 * {@code KV<video id, SegmentSignals>} encoded once (the shuffle's write) and decoded once (its
 * read), with Java serialisation and with {@link SegmentSignalsCoder}. Prints bytes and the
 * thread's CPU time (user+sys, so other processes on the machine do not count), the best of the
 * rounds, alternating the coders. Usage: {@code SignalsGroupByKeyBench [rounds]}
 */
public final class SignalsGroupByKeyBench {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    VideoInfo film = SyntheticSignals.film(2 * 3600, 24);
    int segments = 120;
    int perSegment = 172_800 / segments;
    List<KV<String, SegmentSignals>> elements = new ArrayList<>();
    for (int k = 0; k < segments; k++) {
      elements.add(KV.of(film.videoId(), SyntheticSignals.segment(film, k, segments, perSegment, k)));
    }
    Coder<KV<String, SegmentSignals>> java = KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SegmentSignals.class));
    Coder<KV<String, SegmentSignals>> ours = KvCoder.of(StringUtf8Coder.of(), SegmentSignalsCoder.of());
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] bytes = new long[2];
    for (int r = 0; r < rounds; r++) {
      for (int c = 0; c < 2; c++) {
        long[] run = run(elements, c == 0 ? java : ours);
        bytes[c] = run[0];
        best[c] = Math.min(best[c], run[1]);
      }
    }
    System.out.printf(Locale.ROOT, "%d frames in %d segments, best of %d rounds (thread CPU time)%n",
        segments * perSegment, segments, rounds);
    System.out.printf(Locale.ROOT, "SerializableCoder    %,13d bytes  %8.1f ms encode+decode%n", bytes[0], best[0] / 1e6);
    System.out.printf(Locale.ROOT, "SegmentSignalsCoder  %,13d bytes  %8.1f ms encode+decode%n", bytes[1], best[1] / 1e6);
    System.out.printf(Locale.ROOT, "ratio                %13.2fx        %8.2fx%n",
        (double) bytes[0] / bytes[1], (double) best[0] / best[1]);
  }

  /** Encodes then decodes every element; returns {total bytes, CPU nanoseconds}. */
  private static long[] run(List<KV<String, SegmentSignals>> elements, Coder<KV<String, SegmentSignals>> coder)
      throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long t0 = cpu.getCurrentThreadCpuTime();
    long total = 0;
    int frames = 0;
    for (KV<String, SegmentSignals> e : elements) {
      byte[] b = CoderUtils.encodeToByteArray(coder, e);
      total += b.length;
      frames += CoderUtils.decodeFromByteArray(coder, b).getValue().frameCount();
    }
    long t = cpu.getCurrentThreadCpuTime() - t0;
    if (frames != 172_800) {
      throw new IllegalStateException("decoded " + frames + " frames");
    }
    return new long[] {total, t};
  }
}
