package dev.reelbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Every element of a collection as one side input, for a sink that must see them all at once.
 *
 * <p>Why not {@code View.asList()} directly: the Direct runner materialises a side input through
 * one key's bag state, and copies that whole bag (through the element coder) for every bundle that
 * adds to it, so gathering n elements arriving in many small bundles costs O(n^2) encodings. On a
 * 1,398-document collection (4,447 chunk embeddings of 1.5 KB) that was most of a rerun's time.
 * A {@code GroupByKey} into one key has the same cost, which is why {@link DocsToEmbeddings}
 * gathers the chunks to embed this way too.
 * Spread over {@link #SPREAD} keys first, each bag stays small, and the view gathers a few hundred
 * groups instead of thousands of elements.
 */
public final class GatherAll<T> extends PTransform<PCollection<T>, PCollectionView<List<Iterable<T>>>> {
  /** Keys to spread over: bags of ~n/256 elements. */
  public static final int SPREAD = 256;

  public static <T> GatherAll<T> create() {
    return new GatherAll<>();
  }

  /** The gathered groups as one list. */
  public static <T> List<T> flatten(List<Iterable<T>> groups) {
    List<T> all = new ArrayList<>();
    for (Iterable<T> g : groups) {
      g.forEach(all::add);
    }
    return all;
  }

  /**
   * Keys the groups are gathered into before the view. The Direct runner materialises the view
   * through one key's bag too, copied (through the coder) for every group that arrives in its own
   * bundle: {@link #SPREAD} groups going straight into it cost SPREAD^2 / 2 group copies, each
   * element copied about 128 times (a 767-chunk unchanged rerun spent 5 of its 30 CPU seconds
   * copying bags). Joined first into 16 groups under 16 keys, each element is copied some 16 times.
   */
  public static final int REGROUP = 16;

  @Override
  public PCollectionView<List<Iterable<T>>> expand(PCollection<T> in) {
    IterableCoder<T> groupCoder = IterableCoder.of(in.getCoder());
    return in
        .apply("Spread", WithKeys.<Integer, T>of(x -> ThreadLocalRandom.current().nextInt(SPREAD))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), in.getCoder()))
        .apply("Group", GroupByKey.create())
        .apply("Groups", Values.create())
        .setCoder(groupCoder)
        .apply("Spread groups", WithKeys.<Integer, Iterable<T>>of(
                x -> ThreadLocalRandom.current().nextInt(REGROUP))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), groupCoder))
        .apply("Regroup", GroupByKey.create())
        .apply("Join groups", MapElements.via(new JoinGroups<T>()))
        .setCoder(groupCoder)
        .apply("As list", View.asList());
  }

  /** One regrouped key's groups as one group. */
  private static final class JoinGroups<T> extends SimpleFunction<KV<Integer, Iterable<Iterable<T>>>, Iterable<T>> {
    @Override
    public Iterable<T> apply(KV<Integer, Iterable<Iterable<T>>> in) {
      List<T> all = new ArrayList<>();
      for (Iterable<T> g : in.getValue()) {
        g.forEach(all::add);
      }
      return all;
    }
  }
}
