package dev.reelbeam.transforms.outputs;

import org.apache.beam.sdk.transforms.display.DisplayData;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.OutputStore;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes {@code dataset_index.json} once every video has an entry: the pipeline's own summary,
 * downstream of the manifests (a global combine waits for all of them). Emits the number of failed
 * videos, which the launcher turns into the exit status.
 */
public final class WriteDatasetIndex extends PTransform<PCollection<VideoEntry>, PCollection<Integer>> {

  /**
   * The run-level fields of the index (the seed's).
   *
   * @param stage the command that ran (run, stage1, stage2)
   * @param timestamp when the run started, ISO-8601; identifies the run
   * @param inputDir the --input as given
   * @param outputDir the output root
   * @param workersUsed cores the run was allowed
   * @param film the --film name
   */
  public record Header(
      String stage, String timestamp, String inputDir, String outputDir, int workersUsed, String film)
      implements Serializable {}

  private final String outputRoot;
  private final Header header;

  private WriteDatasetIndex(String outputRoot, Header header) {
    this.outputRoot = outputRoot;
    this.header = header;
  }

  public static WriteDatasetIndex to(String outputRoot, Header header) {
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(header, "header");
    return new WriteDatasetIndex(outputRoot, header);
  }

  /** The index document for these entries (sorted by video id). */
  public static byte[] render(Header h, List<VideoEntry> entries) {
    List<VideoEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(VideoEntry::videoId));
    long frames = sorted.stream().mapToLong(e -> e.items(Branches.FRAMES)).sum();
    long audio = sorted.stream().mapToLong(e -> e.items(Branches.AUDIO)).sum();
    long failed = sorted.stream().filter(VideoEntry::failed).count();
    ObjectNode root = Json.object();
    root.put("stage", h.stage());
    root.put("film_name", h.film());
    root.put("timestamp", h.timestamp());
    root.put("input_dir", h.inputDir());
    root.put("output_dir", h.outputDir());
    root.put("total_videos", sorted.size());
    root.put("frames_extracted", frames);
    root.put("audio_files", audio);
    root.put("workers_used", h.workersUsed());
    root.put("completed", failed == 0);
    root.put("videos_done", sorted.stream().filter(e -> e.status().equals(VideoEntry.DONE)).count());
    root.put("videos_skipped", sorted.stream().filter(e -> e.status().equals(VideoEntry.SKIPPED)).count());
    root.put("videos_failed", failed);
    ArrayNode videos = root.putArray("videos");
    for (VideoEntry e : sorted) {
      ObjectNode v = videos.addObject();
      v.put("video_id", e.videoId());
      v.put("video_path", e.path());
      v.put("status", e.status());
      v.put("scenes", e.items(Branches.SCENES));
      v.put("frames", e.items(Branches.FRAMES));
      v.put("audio", e.items(Branches.AUDIO) > 0);
      ObjectNode outputs = v.putObject("outputs");
      e.parts().stream()
          .sorted(Comparator.comparing(OutputPart::branch))
          .forEach(
              p -> {
                ObjectNode b = outputs.putObject(p.branch());
                b.put("items", p.items());
                if (!p.note().isEmpty()) {
                  b.put("note", p.note());
                }
                ArrayNode files = b.putArray("files");
                p.files().forEach(files::add);
              });
      ArrayNode errs = v.putArray("errors");
      e.errors().forEach(errs::add);
    }
    return Json.bytes(root);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(OutputLayout.rootItem(outputRoot));
  }

  @Override
  public PCollection<Integer> expand(PCollection<VideoEntry> entries) {
    return entries
        .apply("AllEntries", Combine.globally(new ToList()))
        .apply("WriteIndex", ParDo.of(new WriteFn(outputRoot, header)));
  }

  /** Collects every entry into one list (an empty run still gets an index). */
  static final class ToList extends Combine.CombineFn<VideoEntry, List<VideoEntry>, List<VideoEntry>> {
    @Override
    public List<VideoEntry> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<VideoEntry> addInput(List<VideoEntry> acc, VideoEntry e) {
      acc.add(e);
      return acc;
    }

    @Override
    public List<VideoEntry> mergeAccumulators(Iterable<List<VideoEntry>> accs) {
      List<VideoEntry> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public List<VideoEntry> extractOutput(List<VideoEntry> acc) {
      return acc;
    }

    // The entries' own coder, listed: a list of entries per worker crosses to the one combiner.
    @Override
    public Coder<List<VideoEntry>> getAccumulatorCoder(CoderRegistry registry, Coder<VideoEntry> inputCoder) {
      return ListCoder.of(inputCoder);
    }

    @Override
    public Coder<List<VideoEntry>> getDefaultOutputCoder(CoderRegistry registry, Coder<VideoEntry> inputCoder) {
      return getAccumulatorCoder(registry, inputCoder);
    }
  }

  private static final class WriteFn extends DoFn<List<VideoEntry>, Integer> {
    private final String outputRoot;
    private final Header header;

    WriteFn(String outputRoot, Header header) {
      this.outputRoot = outputRoot;
      this.header = header;
    }

    @ProcessElement
    public void process(@Element List<VideoEntry> entries, OutputReceiver<Integer> out)
        throws IOException {
      OutputStore.at(outputRoot).write(OutputLayout.DATASET_INDEX, render(header, entries));
      out.output((int) entries.stream().filter(VideoEntry::failed).count());
    }
  }
}
