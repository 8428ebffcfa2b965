package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No element of {@code run}'s whole graph (every branch, the knowledge base) crosses a boundary
 * through Java serialisation: each PCollection's coder, and every coder inside it, is a
 * purpose-written or Beam's own.
 */
class GraphCodersTest {
  @TempDir Path tmp;

  @Test
  void runsGraphHasNoSerializableCoder() throws Exception {
    Path demo = Files.isDirectory(Path.of("../src/demo")) ? Path.of("../src/demo") : Path.of("src/demo");
    ReelBeamOptions o = CommandLine.parse(new String[] {
        "--input=" + demo.toAbsolutePath(), "--docs=" + demo.resolve("docs").toAbsolutePath(),
        "--output=" + tmp.resolve("out")}, ReelBeamOptions.class);
    Pipeline p = Pipeline.create(o);
    ReelBeamPipeline.build(p, o, Stage.RUN, RunSetup.prepare(o));

    List<String> serialized = new ArrayList<>();
    int[] collections = {0};
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitValue(PValue value, TransformHierarchy.Node producer) {
        if (value instanceof PCollection<?> c) {
          collections[0]++;
          if (usesJavaSerialization(c.getCoder())) {
            serialized.add(producer.getFullName() + ": " + c.getCoder());
          }
        }
      }
    });
    assertTrue(collections[0] > 100, "the whole graph was visited: " + collections[0]);
    assertEquals(List.of(), serialized);
  }

  private static boolean usesJavaSerialization(Coder<?> coder) {
    Deque<Coder<?>> todo = new ArrayDeque<>(List.of(coder));
    while (!todo.isEmpty()) {
      Coder<?> c = todo.pop();
      if (c instanceof SerializableCoder) {
        return true;
      }
      todo.addAll(c.getCoderArguments());
    }
    return false;
  }
}
