package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.audio.AudioInfo;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.video.VideoInfo;
import dev.reelbeam.transforms.camera.CameraSummary;
import dev.reelbeam.transforms.composition.CompositionSummary;
import dev.reelbeam.transforms.embed.ChunkEmbedding;
import dev.reelbeam.transforms.model.Keyframe;
import dev.reelbeam.transforms.model.SceneDetection;
import dev.reelbeam.transforms.model.VideoSegment;
import dev.reelbeam.transforms.outputs.OutputPart;
import dev.reelbeam.transforms.outputs.VideoEntry;
import dev.reelbeam.transforms.scenes.SegmentSignals;
import dev.reelbeam.transforms.subtitles.VideoSubtitles;
import dev.reelbeam.transforms.text.Chunk;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviderRegistrar;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Makes the purpose-written coders the defaults of ReelBeam's element types in every pipeline's
 * coder registry (found through {@code META-INF/services}), so a user's own DoFn that outputs a
 * {@link VideoInfo} or a {@link Document} gets its coder by inference, never Java serialisation.
 * The element types live in modules without the coders (the io module's records), hence a
 * registrar rather than {@code @DefaultCoder} on each record.
 */
public final class ReelBeamCoderRegistrar implements CoderProviderRegistrar {
  @Override
  public List<CoderProvider> getCoderProviders() {
    return List.of(
        provider(VideoInfo.class, VideoInfoCoder.of()),
        provider(VideoSegment.class, VideoSegmentCoder.of()),
        provider(SegmentSignals.class, SegmentSignalsCoder.of()),
        provider(SceneDetection.class, SceneDetectionCoder.of()),
        provider(Keyframe.class, OutputCoders.keyframe()),
        provider(AudioInfo.class, OutputCoders.audioInfo()),
        provider(OutputPart.class, OutputCoders.outputPart()),
        provider(VideoEntry.class, OutputCoders.videoEntry()),
        provider(VideoSubtitles.class, VideoSubtitlesCoder.of()),
        provider(CameraSummary.class, SummaryCoders.cameraSummary()),
        provider(CompositionSummary.class, SummaryCoders.compositionSummary()),
        provider(Document.class, DocumentCoder.of()),
        provider(Chunk.class, ChunkCoder.of()),
        provider(ChunkEmbedding.class, ChunkEmbeddingCoder.of()));
  }

  private static <T> CoderProvider provider(Class<T> type, Coder<T> coder) {
    return CoderProviders.forCoder(TypeDescriptor.of(type), coder);
  }
}
