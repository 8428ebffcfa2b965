package dev.reelbeam.transforms.outputs;

import org.apache.beam.sdk.transforms.display.DisplayData;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelbeam.io.files.Json;
import dev.reelbeam.io.files.OutputStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes {@code analysis_summary.json} after every video's manifest: the seed's fields (stage,
 * timestamp, base_dir, results per analysis with count and output_dir, workers_used, completed)
 * plus one summary per video. It reads the per-video {@link OutputPart}s rather than the analysis
 * transforms' own results, so videos that {@code --resume} skipped (their parts come from their
 * manifests) are summarised too.
 */
public final class WriteAnalysisSummary extends PTransform<PCollection<VideoEntry>, PDone> {

  /** The file's name under the output root. */
  public static final String FILE = "analysis_summary.json";

  private final String outputRoot;
  private final WriteDatasetIndex.Header header;

  private WriteAnalysisSummary(String outputRoot, WriteDatasetIndex.Header header) {
    this.outputRoot = outputRoot;
    this.header = header;
  }

  /** The run-level fields are the dataset index's: both summarise the same run. */
  public static WriteAnalysisSummary to(String outputRoot, WriteDatasetIndex.Header header) {
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(header, "header");
    return new WriteAnalysisSummary(outputRoot, header);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.addIfNotNull(OutputLayout.rootItem(outputRoot));
  }

  @Override
  public PDone expand(PCollection<VideoEntry> entries) {
    entries
        .apply("AllEntries", Combine.globally(new WriteDatasetIndex.ToList()))
        .apply("WriteSummary", ParDo.of(new WriteFn(outputRoot, header)));
    return PDone.in(entries.getPipeline());
  }

  /** The summary document for these entries (sorted by video id). */
  public static byte[] render(WriteDatasetIndex.Header h, List<VideoEntry> entries) {
    List<VideoEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(VideoEntry::videoId));
    ObjectNode root = Json.object();
    root.put("stage", h.stage());
    root.put("timestamp", h.timestamp());
    root.put("base_dir", h.outputDir());
    ObjectNode results = root.putObject("results");
    result(results, "scene_detection", Branches.SCENES, "analysis/scenes", sorted);
    result(results, "composition", Branches.COMPOSITION, "analysis/composition", sorted);
    result(results, "camera_motion", Branches.CAMERA, "analysis/camera", sorted);
    root.put("workers_used", h.workersUsed());
    root.put("completed", sorted.stream().noneMatch(VideoEntry::failed));
    ArrayNode videos = root.putArray("videos");
    for (VideoEntry e : sorted) {
      ObjectNode v = videos.addObject();
      v.put("video_id", e.videoId());
      v.put("video_path", e.path());
      v.put("status", e.status());
      v.put("scenes", e.items(Branches.SCENES));
      part(e, Branches.CAMERA).ifPresent(p -> notes(v.putObject("camera_motion"), p));
      part(e, Branches.COMPOSITION).ifPresent(p -> notes(v.putObject("composition"), p));
      if (!e.errors().isEmpty()) {
        ArrayNode errs = v.putArray("errors");
        e.errors().forEach(errs::add);
      }
    }
    return Json.bytes(root);
  }

  private static void result(ObjectNode results, String name, String branch, String dir, List<VideoEntry> es) {
    ObjectNode r = results.putObject(name);
    r.put("count", es.stream().filter(e -> part(e, branch).isPresent()).count());
    r.put("output_dir", dir);
  }

  private static java.util.Optional<OutputPart> part(VideoEntry e, String branch) {
    return e.parts().stream().filter(p -> p.branch().equals(branch)).findFirst();
  }

  /** A part's file and its {@code key=value;...} note as fields (numbers where they parse). */
  private static void notes(ObjectNode target, OutputPart p) {
    if (!p.files().isEmpty()) {
      target.put("output", p.files().get(0));
    }
    target.put("items", p.items());
    for (String kv : p.note().split(";")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = kv.substring(0, eq);
      String val = kv.substring(eq + 1);
      if (val.matches("-?\\d+")) {
        target.put(k, Long.parseLong(val));
      } else if (val.matches("-?\\d+\\.\\d+")) {
        target.put(k, Double.parseDouble(val));
      } else {
        target.put(k, val);
      }
    }
  }

  private static final class WriteFn extends DoFn<List<VideoEntry>, Void> {
    private final String outputRoot;
    private final WriteDatasetIndex.Header header;

    WriteFn(String outputRoot, WriteDatasetIndex.Header header) {
      this.outputRoot = outputRoot;
      this.header = header;
    }

    @ProcessElement
    public void process(@Element List<VideoEntry> entries) throws IOException {
      OutputStore.at(outputRoot).write(FILE, render(header, entries));
    }
  }
}
