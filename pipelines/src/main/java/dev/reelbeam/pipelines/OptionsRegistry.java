package dev.reelbeam.pipelines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Registers every options interface the class path's registrars list, and ReelBeam's own, smallest
 * first: the same set Beam's registry would hold, in an order that costs its validation about 60%
 * of the CPU it took in Beam's order (0.51 s instead of 0.85 s in a profiled cold {@code stage1}).
 *
 * <p>Why: Beam's registry validates each interface it registers together with all those registered
 * before it, sorting the methods of all of them each time (by their generic signatures, built anew
 * for every comparison), so the cost of one registration grows with everything before it. Beam
 * asks the registrars in the order of their class names, which put ReelBeam's options (94 methods)
 * first and Flink's (109) third, so nearly every one of the 12 registrations sorted 200-300
 * methods, on the main thread of every cold start, before the flags can be read. This
 * registrar's name sorts before every other ({@code dev.reelbeam.pipelines.O...}), so its list is
 * registered first, and the others' lists then find their interfaces registered already.
 * {@link ReelBeamOptions} itself is in the list because {@link CommandLine#parse} registers it:
 * after all the others, that was one more sort of everything.
 */
public final class OptionsRegistry implements PipelineOptionsRegistrar {

  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    Set<Class<? extends PipelineOptions>> all = new LinkedHashSet<>();
    all.add(PipelineOptions.class);
    all.add(ReelBeamOptions.class);
    for (PipelineOptionsRegistrar r : ServiceLoader.load(PipelineOptionsRegistrar.class, loader())) {
      if (!(r instanceof OptionsRegistry)) {
        r.getPipelineOptions().forEach(all::add);
      }
    }
    List<Class<? extends PipelineOptions>> order = new ArrayList<>(all);
    order.sort(SMALLEST_FIRST);
    return order;
  }

  /** Fewest methods (its own and inherited) first; by name between equals, so the order is fixed. */
  static final Comparator<Class<?>> SMALLEST_FIRST =
      Comparator.<Class<?>>comparingInt(c -> c.getMethods().length).thenComparing(Class::getName);

  /** The loader that found this registrar: Beam looks registrars up in the same one. */
  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : OptionsRegistry.class.getClassLoader();
  }
}
