package dev.reelbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.coders.SegmentSignalsCoder;
import dev.reelbeam.transforms.coders.SyntheticSignals;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.scenes.BadInputException;
import dev.reelbeam.transforms.scenes.Errors;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler.BadRecordErrorHandler;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The one error model: input failures become records, bugs fail the job, Beam's handler can take them. */
class WithErrorsTest {
  @RegisterExtension final transient TestPipelineExtension ext = TestPipelineExtension.create();
  @TempDir static Path tmp;

  /** A film one of whose two segments failed to decode: an error record of stage scenes, not a crash. */
  @Test
  void aFilmWithAMissingSegmentIsAnErrorRecord(TestPipeline p) {
    VideoInfo film = SyntheticSignals.film(120, 24);
    SegmentSignals only = SyntheticSignals.segment(film, 0, 2, 100, 1);
    FramesToScenes.Result r = p
        .apply(Create.of(KV.of(film.videoId(), only))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), SegmentSignalsCoder.of())))
        .apply(FramesToScenes.create());
    PAssert.that(r.scenes()).empty();
    PAssert.that(r.errors()).satisfies(es -> {
      List<ErrorRecord> all = new ArrayList<>();
      es.forEach(all::add);
      assertEquals(1, all.size(), all.toString());
      ErrorRecord e = all.get(0);
      assertEquals(FramesToScenes.STAGE, e.stage());
      assertEquals(BadInputException.class.getName(), e.exceptionClass());
      assertTrue(e.message().contains("1 of its 2 segments failed"), e.message());
      assertTrue(e.stackTrace().contains("SegmentStitcher.stitch"), e.stackTrace());
      assertTrue(!e.stackTrace().contains("org.apache.beam.runners"), "runner frames are cut: " + e.stackTrace());
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** Two segments claiming to be a one-segment film's only one: ReelBeam's own bug, so the job fails. */
  @Test
  void aBugFailsTheJobInsteadOfBecomingARecord(TestPipeline p) {
    VideoInfo film = SyntheticSignals.film(60, 24);
    SegmentSignals a = SyntheticSignals.segment(film, 0, 1, 100, 1);
    p.apply(Create.of(KV.of(film.videoId(), a), KV.of(film.videoId(), a))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), SegmentSignalsCoder.of())))
        .apply(FramesToScenes.create());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
  }

  @Test
  void inputFailuresAreSortedFromBugs() {
    java.io.IOException io = new java.io.IOException("truncated");
    assertSame(io, Errors.inputFailure(io));
    NullPointerException npe = new NullPointerException("bug");
    assertSame(npe, assertThrows(NullPointerException.class, () -> Errors.inputFailure(npe)));
    assertThrows(IllegalStateException.class, () -> Errors.inputFailure(new Exception("checked, not I/O")));
  }

  /** A job that collects failures with Beam's ErrorHandler gets them as BadRecords. */
  @Test
  void errorsGoToBeamsErrorHandler(TestPipeline p) throws Exception {
    Path notAFilm = tmp.resolve("notes.mkv");
    Files.writeString(notAFilm, "not a film\n".repeat(100));
    BadRecordErrorHandler<PCollection<BadRecord>> handler = p.registerBadRecordErrorHandler(new Gather());
    PCollection<VideoInfo> videos = p.apply(Create.of(List.of(notAFilm.toString())))
        .apply(ProbeVideos.create())
        .errorsTo(handler);
    handler.close();
    PAssert.that(videos).empty();
    PAssert.that(handler.getOutput()).satisfies(rs -> {
      List<BadRecord> all = new ArrayList<>();
      rs.forEach(all::add);
      assertEquals(1, all.size());
      BadRecord r = all.get(0);
      assertTrue(r.getFailure().getDescription().startsWith("probe: "), r.getFailure().getDescription());
      assertTrue(r.getFailure().getException().contains("MediaException"), r.getFailure().getException());
      assertTrue(r.getRecord().getHumanReadableJsonRecord().contains("\"video_id\""));
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** The handler's sink: the bad records as they come. */
  static final class Gather extends PTransform<PCollection<BadRecord>, PCollection<BadRecord>> {
    @Override
    public PCollection<BadRecord> expand(PCollection<BadRecord> in) {
      return in.apply(Window.into(new GlobalWindows()));
    }
  }
}
