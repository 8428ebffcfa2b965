package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.pipelines.rag.ReadDocuments;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own input transforms are configured like the library's (AutoValue): a bad value
 * fails where it is given, a configured transform is a value that survives serialisation, and its
 * settings show in the display data, as the launcher's other transforms' do.
 */
class InputTransformsConfigurationTest {

  @Test
  void readDocumentsChecksItsValuesWhereTheyAreGiven() {
    assertThrows(IllegalArgumentException.class, () -> ReadDocuments.from(" "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReadDocuments.from("docs").withMaxBytes(0));
    assertTrue(e.getMessage().contains("0"), e.getMessage());

    ReadDocuments configured = ReadDocuments.from("docs").withMaxBytes(4096);
    assertEquals(configured, SerializableUtils.clone(configured));
    assertEquals(ReadDocuments.from("docs").withMaxBytes(4096), configured);
    DisplayData shown = DisplayData.from(configured);
    assertTrue(shown.toString().contains("4096"), shown.toString());
    assertTrue(shown.toString().contains("docs"), shown.toString());
  }

  @Test
  void matchVideosChecksItsInputWhereItIsGiven() {
    assertThrows(NullPointerException.class, () -> MatchVideos.in(null));
    assertThrows(IllegalArgumentException.class, () -> MatchVideos.in(""));

    MatchVideos configured = MatchVideos.in("films/*.mkv");
    assertEquals(configured, SerializableUtils.clone(configured));
    assertTrue(DisplayData.from(configured).toString().contains("films/*.mkv"));
  }

  @Test
  void theLaunchersOtherTransformsShowTheirSettings() {
    String skip = DisplayData.from(SkipFinished.in("/out", java.util.Map.of(), java.util.Set.of("frames"),
        "v7", true)).toString();
    assertTrue(skip.contains("/out") && skip.contains("v7") && skip.contains("frames"), skip);
    String scenes = DisplayData.from(dev.reelbeam.pipelines.rag.SceneDocuments.from("hdfs://nn/out")).toString();
    assertTrue(scenes.contains("hdfs://nn/out"), scenes);
    String kb = DisplayData.from(dev.reelbeam.pipelines.rag.WriteKnowledgeBase.to("/out",
        dev.reelbeam.transforms.embed.EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 200, 40)).toString();
    assertTrue(kb.contains("all-minilm-l6-v2-q") && kb.contains("200") && kb.contains("40"), kb);
  }
}
