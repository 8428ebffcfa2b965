package dev.reelbeam.pipelines.rag;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link KnowledgeBaseReport} field by field, in the record's order. */
public final class KnowledgeBaseReportCoder extends AtomicCoder<KnowledgeBaseReport> {
  private static final KnowledgeBaseReportCoder INSTANCE = new KnowledgeBaseReportCoder();
  private static final Coder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<Integer> INT = VarIntCoder.of();
  private static final Coder<List<String>> ERRORS = ListCoder.of(StringUtf8Coder.of());

  private KnowledgeBaseReportCoder() {}

  public static KnowledgeBaseReportCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on the record asks for. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(KnowledgeBaseReport.class), INSTANCE);
  }

  @Override
  public void encode(KnowledgeBaseReport r, OutputStream out) throws IOException {
    TEXT.encode(r.knowledgeBase(), out);
    INT.encode(r.documents(), out);
    INT.encode(r.chunks(), out);
    INT.encode(r.embedded(), out);
    INT.encode(r.reused(), out);
    INT.encode(r.removed(), out);
    ERRORS.encode(r.errors(), out);
    TEXT.encode(r.model(), out);
    INT.encode(r.dimension(), out);
    TEXT.encode(r.pooling(), out);
    BooleanCoder.of().encode(r.normalized(), out);
  }

  @Override
  public KnowledgeBaseReport decode(InputStream in) throws IOException {
    return new KnowledgeBaseReport(TEXT.decode(in), INT.decode(in), INT.decode(in), INT.decode(in),
        INT.decode(in), INT.decode(in), ERRORS.decode(in), TEXT.decode(in), INT.decode(in), TEXT.decode(in),
        BooleanCoder.of().decode(in));
  }
}
