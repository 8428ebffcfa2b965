package dev.reelbeam.transforms.exports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.transforms.model.Detector;
import dev.reelbeam.transforms.model.DetectorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Writes a cut list as an OpenTimelineIO JSON document ({@code .otio}): a {@code Timeline.1} whose
 * {@code Stack.1} holds a {@code Track.1} of kind {@code Video} with one {@code Clip.2} per shot,
 * and an {@code Audio} track with the same clips when the source has sound, as PySceneDetect's
 * {@code save-otio} does.
 *
 * <p>Every {@code RationalTime.1} is a whole frame count at the video's exact rate (29.97 is
 * written as 30000/1001 = 29.97002997002997), so {@code value / rate} is the frame's time and the
 * frame numbers read back exactly. Each clip's {@code source_range} starts at its first frame and
 * lasts its length in frames; its {@code ExternalReference.1} points at the source as a URL
 * ({@code file:///...} for a local path) with the whole video as {@code available_range} (the
 * decoded frame count, where PySceneDetect writes a fixed number). Metadata carries the video id,
 * the rational rate and the detector's parameters; nothing depends on the clock, so a rerun
 * writes the same bytes.
 */
public final class OtioWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private OtioWriter() {}

  /** The {@code .otio} bytes (UTF-8 JSON, four-space indent, final newline). */
  public static byte[] render(CutList cuts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048 + cuts.shots().size() * 1400);
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(printer());
      writeTimeline(g, cuts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** Writes the timeline to {@code target} atomically. */
  public static void write(CutList cuts, Path target) throws IOException {
    AtomicFiles.write(target, render(cuts));
  }

  /**
   * The source as a URL: a string that already is one ({@code gs://}, {@code file:}) is kept, an
   * absolute local path becomes {@code file:///...} with unsafe characters escaped.
   */
  static String targetUrl(String videoPath) {
    if (videoPath.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !videoPath.matches("^[A-Za-z]:[\\\\/].*")) {
      return videoPath;
    }
    try {
      String path = videoPath.replace('\\', '/');
      if (!path.startsWith("/")) {
        path = "/" + path;
      }
      return new URI("file", "", path, null).toASCIIString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("cannot make a URL of " + videoPath, e);
    }
  }

  private static DefaultPrettyPrinter printer() {
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    return new DefaultPrettyPrinter()
        .withSeparators(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  private static void writeTimeline(JsonGenerator g, CutList cuts) throws IOException {
    double rate = cuts.rate().fps();
    g.writeStartObject();
    g.writeStringField("OTIO_SCHEMA", "Timeline.1");
    g.writeObjectFieldStart("metadata");
    g.writeObjectFieldStart("reelbeam");
    g.writeStringField("video_id", cuts.videoId());
    g.writeStringField("frame_rate", cuts.rate().toString());
    g.writeNumberField("frame_count", cuts.frameCount());
    DetectorSettings s = cuts.settings();
    if (s != null) {
      g.writeObjectFieldStart("detector");
      g.writeStringField("name", s.detector().className());
      if (s.detector() == Detector.CONTENT) { // the other detectors' parameters: the scenes JSON
        g.writeNumberField("threshold", s.threshold());
      }
      g.writeNumberField("min_scene_len", s.minSceneLen());
      if (s.detector() == Detector.CONTENT) {
        g.writeArrayFieldStart("weights");
        g.writeNumber(s.weightHue());
        g.writeNumber(s.weightSat());
        g.writeNumber(s.weightLum());
        g.writeNumber(s.weightEdges());
        g.writeEndArray();
      }
      g.writeNumberField("downscale_target", s.downscaleTarget());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("name", cuts.title() + " (ReelBeam)");
    g.writeFieldName("global_start_time");
    writeTime(g, 0, rate);
    g.writeObjectFieldStart("tracks");
    g.writeStringField("OTIO_SCHEMA", "Stack.1");
    writeEmptyItemFields(g, "tracks");
    g.writeNullField("source_range");
    g.writeArrayFieldStart("children");
    writeTrack(g, cuts, "Video 1", "Video", rate);
    if (cuts.hasAudio()) {
      writeTrack(g, cuts, "Audio 1", "Audio", rate);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeTrack(JsonGenerator g, CutList cuts, String name, String kind, double rate)
      throws IOException {
    String url = targetUrl(cuts.videoPath());
    g.writeStartObject();
    g.writeStringField("OTIO_SCHEMA", "Track.1");
    writeEmptyItemFields(g, name);
    g.writeNullField("source_range");
    g.writeArrayFieldStart("children");
    for (CutList.Shot shot : cuts.shots()) {
      g.writeStartObject();
      g.writeStringField("OTIO_SCHEMA", "Clip.2");
      g.writeObjectFieldStart("metadata");
      g.writeObjectFieldStart("reelbeam");
      g.writeNumberField("scene_id", shot.number());
      g.writeEndObject();
      g.writeEndObject();
      g.writeStringField("name", "Scene " + shot.number());
      g.writeArrayFieldStart("effects");
      g.writeEndArray();
      g.writeArrayFieldStart("markers");
      g.writeEndArray();
      g.writeBooleanField("enabled", true);
      g.writeFieldName("source_range");
      writeRange(g, shot.startFrame(), shot.length(), rate);
      g.writeObjectFieldStart("media_references");
      g.writeObjectFieldStart("DEFAULT_MEDIA");
      g.writeStringField("OTIO_SCHEMA", "ExternalReference.1");
      g.writeObjectFieldStart("metadata");
      g.writeEndObject();
      g.writeStringField("name", cuts.fileName());
      g.writeFieldName("available_range");
      writeRange(g, 0, cuts.frameCount(), rate);
      g.writeNullField("available_image_bounds");
      g.writeStringField("target_url", url);
      g.writeEndObject();
      g.writeEndObject();
      g.writeStringField("active_media_reference_key", "DEFAULT_MEDIA");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("kind", kind);
    g.writeEndObject();
  }

  private static void writeEmptyItemFields(JsonGenerator g, String name) throws IOException {
    g.writeObjectFieldStart("metadata");
    g.writeEndObject();
    g.writeStringField("name", name);
    g.writeArrayFieldStart("effects");
    g.writeEndArray();
    g.writeArrayFieldStart("markers");
    g.writeEndArray();
    g.writeBooleanField("enabled", true);
  }

  private static void writeRange(JsonGenerator g, long start, long duration, double rate)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("OTIO_SCHEMA", "TimeRange.1");
    g.writeFieldName("duration");
    writeTime(g, duration, rate);
    g.writeFieldName("start_time");
    writeTime(g, start, rate);
    g.writeEndObject();
  }

  private static void writeTime(JsonGenerator g, long frames, double rate) throws IOException {
    g.writeStartObject();
    g.writeStringField("OTIO_SCHEMA", "RationalTime.1");
    g.writeNumberField("rate", rate);
    g.writeNumberField("value", (double) frames);
    g.writeEndObject();
  }
}
