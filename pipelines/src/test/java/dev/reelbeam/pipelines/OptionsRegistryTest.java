package dev.reelbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reelbeam.pipelines.rag.RagOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.junit.jupiter.api.Test;

/** The registry holds what the registrars list, and ReelBeam's list comes first, smallest first. */
class OptionsRegistryTest {

  @Test
  void listsEveryOtherRegistrarsInterfacesSmallestFirst() {
    List<Class<? extends PipelineOptions>> order = new ArrayList<>();
    new OptionsRegistry().getPipelineOptions().forEach(order::add);
    Set<Class<?>> others = new HashSet<>();
    for (PipelineOptionsRegistrar r : ServiceLoader.load(PipelineOptionsRegistrar.class)) {
      if (!(r instanceof OptionsRegistry)) {
        r.getPipelineOptions().forEach(others::add);
      }
    }
    assertTrue(order.containsAll(others), order.toString());
    assertTrue(order.contains(ReelBeamOptions.class) && order.contains(RagOptions.class)
        && order.contains(FlinkPipelineOptions.class), order.toString());
    assertEquals(order.size(), new HashSet<>(order).size(), order.toString());
    for (int i = 1; i < order.size(); i++) {
      assertTrue(order.get(i - 1).getMethods().length <= order.get(i).getMethods().length, order.toString());
    }
    assertTrue(order.indexOf(ReelBeamOptions.class) < order.indexOf(RagOptions.class), order.toString());
  }

  @Test
  void beamAsksItFirstAndRegistersTheSameSet() {
    // Beam asks the registrars in the order of their class names.
    for (PipelineOptionsRegistrar r : ServiceLoader.load(PipelineOptionsRegistrar.class)) {
      assertTrue(r instanceof OptionsRegistry
          || OptionsRegistry.class.getName().compareTo(r.getClass().getName()) < 0, r.getClass().getName());
    }
    Set<Class<? extends PipelineOptions>> registered = PipelineOptionsFactory.getRegisteredOptions();
    new OptionsRegistry().getPipelineOptions().forEach(c -> assertTrue(registered.contains(c), c.getName()));
  }
}
