package dev.reelbeam.pipelines.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.reflect.DoFnInvokers;

/**
 * Generates, on a thread of its own, the invoker classes Beam writes for every {@link DoFn} of a
 * built pipeline. Beam generates one class per DoFn class (with Byte Buddy) the first time a runner
 * calls it, and caches it for the JVM's life; in a cold Direct-runner job each step's first bundle
 * waited for its own: about 0.2 s of a 1-second clip's {@code stage1}, most of it in the steps that
 * write the outputs, one after the other once the frames are analysed. Generated here, in the order
 * the steps run, while the runner starts and the video is probed and decoded, they are ready (or
 * being made) when the steps ask for them; Beam's cache is a concurrent map, so a step that asks
 * for one still being made waits for it rather than making a second.
 *
 * <p>Nothing a runner sees changes: the same classes come out of the same cache. A DoFn whose
 * invoker cannot be generated is left to the runner, which fails on it as before.
 */
public final class DoFnWarmUp {

  private DoFnWarmUp() {}

  /**
   * Starts generating the invokers of {@code pipeline}'s DoFns. Call it after the pipeline is built
   * and before it runs: the DoFns are collected here, on the caller's thread, since a runner
   * rewrites the graph when it starts.
   */
  public static void start(Pipeline pipeline) {
    List<DoFn<?, ?>> fns = doFns(pipeline);
    Thread t = new Thread(() -> generate(fns), "reelbeam-dofn-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** One DoFn of each class the pipeline's steps run, in the order the graph lists the steps. */
  static List<DoFn<?, ?>> doFns(Pipeline pipeline) {
    Map<Class<?>, DoFn<?, ?>> byClass = new LinkedHashMap<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        PTransform<?, ?> t = node.getTransform();
        if (t instanceof ParDo.MultiOutput) {
          DoFn<?, ?> fn = ((ParDo.MultiOutput<?, ?>) t).getFn();
          byClass.putIfAbsent(fn.getClass(), fn);
        }
      }
    });
    return new ArrayList<>(byClass.values());
  }

  static void generate(List<DoFn<?, ?>> fns) {
    for (DoFn<?, ?> fn : fns) {
      try {
        DoFnInvokers.invokerFor(fn);
      } catch (RuntimeException | LinkageError e) {
        // The runner asks for the same invoker and reports the failure with the step's name.
      }
    }
  }
}
