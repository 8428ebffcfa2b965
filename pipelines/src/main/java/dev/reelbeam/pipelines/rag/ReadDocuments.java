package dev.reelbeam.pipelines.rag;

import com.google.auto.value.AutoValue;
import dev.reelbeam.transforms.coders.DocumentCoder;
import dev.reelbeam.transforms.WithErrors;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.PCollection;
import dev.reelbeam.transforms.model.ErrorRecordCoder;
import dev.reelbeam.io.docs.BadDocumentException;
import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.DocumentFormat;
import dev.reelbeam.io.docs.DocumentReader;
import dev.reelbeam.io.files.AtomicFiles;
import dev.reelbeam.io.files.VideoId;
import dev.reelbeam.transforms.model.ErrorRecord;
import dev.reelbeam.transforms.scenes.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads the Markdown, text, JSON and YAML files under a directory (recursively; hidden files and
 * interrupted writes skipped) into normalised {@link Document}s; a bad file becomes an {@link
 * ErrorRecord} among the {@link Result}'s errors and the rest go on. The directory is local or on
 * any Beam filesystem ({@code hdfs://}, {@code s3://}): files are listed and read through
 * {@link FileIO}, and a document's id is its path under the directory, the same on every one.
 */
@AutoValue
public abstract class ReadDocuments extends PTransform<PBegin, ReadDocuments.Result> {
  private static final TupleTag<Document> DOCUMENTS = new TupleTag<>("documents") {};
  private static final TupleTag<ErrorRecord> ERRORS = new TupleTag<>("errors") {};

  /** The documents read, and the files that could not be. */
  public static final class Result extends WithErrors<Document> {
    Result(PCollectionTuple t) {
      super(t, DOCUMENTS, ERRORS);
    }

    public PCollection<Document> documents() {
      return output();
    }
  }

  /** The stage name in error records ({@code errors/<doc-id>.docs.json}). */
  public static final String STAGE = "docs";

  abstract String getRoot();

  abstract long getMaxBytes();

  abstract @Nullable List<String> getOnly();

  abstract boolean getSpread();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setRoot(String root);

    abstract Builder setMaxBytes(long bytes);

    abstract Builder setOnly(@Nullable List<String> relativePaths);

    abstract Builder setSpread(boolean spread);

    abstract ReadDocuments build();
  }

  ReadDocuments() {}

  /**
   * The documents under {@code root}, read recursively: a local directory (or a mount), or a
   * folder on any registered Beam filesystem ({@code hdfs://nn:8020/docs}).
   */
  public static ReadDocuments from(String root) {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("ReadDocuments needs a documents directory, got " + root);
    }
    return new AutoValue_ReadDocuments.Builder()
        .setRoot(root)
        .setMaxBytes(DocumentReader.DEFAULT_MAX_BYTES)
        .setSpread(true)
        .build();
  }

  /** Files larger than this become error records instead of documents. */
  public ReadDocuments withMaxBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + bytes);
    }
    return toBuilder().setMaxBytes(bytes).build();
  }

  /**
   * Only these files (paths relative to the root, {@code /} separators), when a rerun knows the
   * others are what the knowledge base already holds; the rest of the tree is listed, not read.
   */
  public ReadDocuments withOnly(Collection<String> relativePaths) {
    return toBuilder().setOnly(List.copyOf(new TreeSet<>(relativePaths))).build();
  }

  /**
   * Whether the listed files are spread over the runner's workers before they are read (the
   * default: a cluster reads and chunks a large collection on all its machines). Without it they
   * go on as the one bundle the listing made. On the Direct runner, whose bundles after the spread
   * held one file each, every step then cost a round trip of its DoFn through Java serialisation
   * per document (the runner rebuilds a ParDo's schema and side-input mapping from its proto for
   * each bundle): 3.3 of a 400-document first run's 69 CPU seconds, all of it before the first
   * chunk could be embedded.
   */
  public ReadDocuments withSpread(boolean spread) {
    return toBuilder().setSpread(spread).build();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("root", getRoot()).withLabel("Documents directory"))
        .add(DisplayData.item("maxBytes", getMaxBytes()).withLabel("Largest document read (bytes)"));
  }

  @Override
  public Result expand(PBegin begin) {
    String absRoot = DocumentsRoot.normalize(getRoot());
    HashSet<String> only = getOnly() == null ? null : new HashSet<>(getOnly());
    PCollectionTuple out = begin
        .apply("Pattern", Create.of(DocumentsRoot.pattern(absRoot)).withCoder(StringUtf8Coder.of()))
        .apply("Match", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW)
            .withOutputParallelization(getSpread()))
        .apply("Documents only", Filter.by((MatchResult.Metadata m) -> isDocument(absRoot, m)
            && (only == null || only.contains(DocumentsRoot.relative(absRoot, m.resourceId().toString())))))
        .apply("Open", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
        .apply("Read and normalise", ParDo.of(new ReadFn(absRoot, getMaxBytes()))
            .withOutputTags(DOCUMENTS, TupleTagList.of(ERRORS)));
    out.get(DOCUMENTS).setCoder(DocumentCoder.of());
    out.get(ERRORS).setCoder(ErrorRecordCoder.of());
    return new Result(out);
  }

  static boolean isDocument(String absRoot, MatchResult.Metadata m) {
    String rel = DocumentsRoot.relative(absRoot, m.resourceId().toString());
    // null: a remote sibling the recursive pattern also matched (docs2/ beside docs/)
    return rel != null && isDocument(rel);
  }

  /** Whether the file at {@code rel} (relative to the root, {@code /} separators) is read. */
  static boolean isDocument(String rel) {
    for (String part : rel.split("/")) {
      if (part.startsWith(".") || AtomicFiles.isTemporary(part)) {
        return false;
      }
    }
    return DocumentFormat.of(rel).isPresent();
  }

  static final class ReadFn extends DoFn<FileIO.ReadableFile, Document> {
    private final String absRoot;
    private final long maxBytes;

    ReadFn(String absRoot, long maxBytes) {
      this.absRoot = absRoot;
      this.maxBytes = maxBytes;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out) {
      String input = file.getMetadata().resourceId().toString();
      String rel = DocumentsRoot.relative(absRoot, input);
      DocumentReader reader = new DocumentReader(maxBytes);
      try {
        long size = file.getMetadata().sizeBytes();
        if (size > maxBytes) {
          // Refused from its size alone: a 100 MB file is never opened.
          reader.read(InputStream.nullInputStream(), rel, size);
        }
        try (InputStream in = Channels.newInputStream(file.open())) {
          out.get(DOCUMENTS).output(reader.read(in, rel, size));
        }
      } catch (BadDocumentException e) {
        out.get(ERRORS).output(error(input, rel, e, rel + ": " + e.getMessage()));
      } catch (IOException e) {
        out.get(ERRORS).output(error(input, rel, e, rel + ": cannot be read: " + e.getMessage()));
      }
    }

    /** The record of one bad file, with the stack trace every other transform's records carry. */
    private static ErrorRecord error(String input, String rel, Exception e, String message) {
      return new ErrorRecord(input, VideoId.of(rel), STAGE, e.getClass().getName(), message,
          Errors.stackTrace(e), ErrorRecord.now());
    }
  }
}
