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

  private static final Fields.ValueIo<Section> SECTION = new Fields.ValueIo<>() {
    @Override
    public void write(DataOutputStream o, Section s) throws IOException {
      Fields.strings(o, s.headings());
      Fields.string(o, s.text());
    }

    @Override
    public Section read(DataInputStream i) throws IOException {
      return new Section(Fields.strings(i), Fields.string(i));
    }
  };

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
    Fields.map(o, d.metadata(), Fields.STRING);
    Fields.list(o, d.sections(), SECTION);
    Fields.string(o, d.sha256());
    o.writeLong(d.bytes());
  }

  @Override
  Document read(DataInputStream i) throws IOException {
    String path = Fields.string(i);
    String docId = Fields.string(i);
    String format = Fields.string(i);
    String title = Fields.string(i);
    var metadata = Fields.map(i, Fields.STRING);
    List<Section> sections = Fields.list(i, SECTION);
    return new Document(path, docId, format, title, metadata, sections, Fields.string(i), i.readLong());
  }
}
