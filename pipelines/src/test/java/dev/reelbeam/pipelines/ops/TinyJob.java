package dev.reelbeam.pipelines.ops;

import dev.reelbeam.io.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;

/**
 * A small real pipeline shaped like ReelBeam's: "videos" 0..n-1, each "decoded" into frames (the
 * counters the operations layer reads), each writing one output atomically under a deterministic
 * name; the ids in {@code bad} write an error record instead.
 */
final class TinyJob {

  private TinyJob() {}

  static Pipeline build(Pipeline p, String output, int videos, int framesPerVideo, long sleepMillis, int... bad) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < videos; i++) {
      ids.add(i);
    }
    p.apply("MatchVideos", Create.of(ids))
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("Analyse", ParDo.of(new Analyse(output, framesPerVideo, sleepMillis, bad)));
    return p;
  }

  static final class Analyse extends DoFn<Integer, Void> {
    private final String output;
    private final int frames;
    private final long sleepMillis;
    private final int[] bad;
    private final Counter videosTotal = Metrics.counter(Counters.NAMESPACE, Counters.VIDEOS_TOTAL);
    private final Counter videos = Metrics.counter(Counters.NAMESPACE, Counters.VIDEOS);
    private final Counter framesTotal = Metrics.counter(Counters.NAMESPACE, Counters.FRAMES_TOTAL);
    private final Counter decoded = Metrics.counter(Counters.NAMESPACE, Counters.FRAMES);
    private final Counter errors = Metrics.counter(Counters.NAMESPACE, Counters.ERRORS);
    private final Counter analyseMs = Metrics.counter(Counters.NAMESPACE, "analyse_ms");

    Analyse(String output, int frames, long sleepMillis, int[] bad) {
      this.output = output;
      this.frames = frames;
      this.sleepMillis = sleepMillis;
      this.bad = bad;
    }

    @ProcessElement
    public void process(@Element Integer id) throws IOException, InterruptedException {
      long t0 = System.currentTimeMillis();
      videosTotal.inc();
      framesTotal.inc(frames);
      for (int b : bad) {
        if (b == id) {
          errors.inc();
          // The layout of WriteErrors' records.
          String json = "{\"input\":\"video" + id + ".mp4\",\"video_id\":\"video" + id + "\",\"stage\":\"decode\","
              + "\"exception\":\"java.io.IOException\",\"message\":\"not a video\"}";
          AtomicFiles.write(Path.of(output, "errors", "video" + id + ".decode.json"),
              json.getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      Thread.sleep(sleepMillis);
      decoded.inc(frames);
      // Deterministic content, so a partial file would be detectable.
      StringBuilder body = new StringBuilder();
      for (int f = 0; f < frames; f++) {
        body.append("video").append(id).append(" frame ").append(f).append('\n');
      }
      AtomicFiles.write(Path.of(output, "videos", "video" + id + ".txt"),
          body.toString().getBytes(StandardCharsets.UTF_8));
      videos.inc();
      analyseMs.inc(System.currentTimeMillis() - t0);
    }
  }

  static String expected(int id, int frames) {
    StringBuilder body = new StringBuilder();
    for (int f = 0; f < frames; f++) {
      body.append("video").append(id).append(" frame ").append(f).append('\n');
    }
    return body.toString();
  }
}
