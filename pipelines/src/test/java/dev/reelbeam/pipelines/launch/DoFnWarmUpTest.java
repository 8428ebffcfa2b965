package dev.reelbeam.pipelines.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** The DoFns collected from a built graph, and their invoker classes made ahead of the runner. */
class DoFnWarmUpTest {

  static class Twice extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer n, OutputReceiver<Integer> out) {
      out.output(2 * n);
    }
  }

  static class Show extends DoFn<Integer, String> {
    @ProcessElement
    public void process(@Element Integer n, OutputReceiver<String> out) {
      out.output("n=" + n);
    }
  }

  @Test
  void oneDoFnPerClassInTheOrderTheStepsRun() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(1, 2))
        .apply("first", ParDo.of(new Twice()))
        .apply("again", ParDo.of(new Twice()))
        .apply(ParDo.of(new Show()));
    List<Class<?>> classes = DoFnWarmUp.doFns(p).stream().map(Object::getClass).collect(Collectors.toList());
    assertEquals(1, classes.stream().filter(Twice.class::equals).count());
    assertTrue(classes.indexOf(Twice.class) >= 0 && classes.indexOf(Twice.class) < classes.indexOf(Show.class),
        classes.toString());
  }

  @Test
  void theInvokerClassExistsAfterwards() throws Exception {
    String invoker = Show.class.getName() + "$DoFnInvoker";
    assertThrows(ClassNotFoundException.class, () -> Class.forName(invoker, false, Show.class.getClassLoader()));
    DoFnWarmUp.generate(List.of(new Show()));
    assertEquals(invoker, Class.forName(invoker, false, Show.class.getClassLoader()).getName());
  }
}
