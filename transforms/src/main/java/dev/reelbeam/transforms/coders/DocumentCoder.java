package dev.reelbeam.transforms.coders;

import dev.reelbeam.io.docs.Document;
import dev.reelbeam.io.docs.Section;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** {@link Document} field by field: its metadata in key order, its sections' heading paths and text. */
public final class DocumentCoder extends FieldCoder<Document> {
  private static final DocumentCoder INSTANCE = new DocumentCoder();

  private DocumentCoder() {}

  public static DocumentCoder of() {
    return INSTANCE;
  }

  @Override
  void write(Document d, DataOutputStream o) throws IOException {
    Fields.string(o, d.path());
    Fields.string(o, d.docId());
    Fields.string(o, d.format());
    Fields.string(o, d.title());
    Fields.map(o, d.metadata(), Fields::string);
    Fields.list(o, d.sections(), (out, s) -> {
      Fields.strings(out, s.headings());
      Fields.string(out, s.text());
    });
    Fields.string(o, d.sha256());
    o.writeLong(d.bytes());
  }

  @Override
  Document read(DataInputStream i) throws IOException {
    String path = Fields.string(i);
    String docId = Fields.string(i);
    String format = Fields.string(i);
    String title = Fields.string(i);
    var metadata = Fields.map(i, Fields::string);
    List<Section> sections = Fields.list(i, in -> new Section(Fields.strings(in), Fields.string(in)));
    return new Document(path, docId, format, title, metadata, sections, Fields.string(i), i.readLong());
  }
}
