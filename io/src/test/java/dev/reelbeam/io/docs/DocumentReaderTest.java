package dev.reelbeam.io.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
  private final DocumentReader reader = new DocumentReader(1 << 20);

  private Document read(String path, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return reader.read(new ByteArrayInputStream(b), path, b.length);
  }

  private String error(String path, byte[] bytes) {
    return assertThrows(BadDocumentException.class,
        () -> reader.read(new ByteArrayInputStream(bytes), path, -1)).getMessage();
  }

  @Test
  void markdownKeepsHeadingsAndFrontMatter() throws Exception {
    Document d = read("characters/frank.md",
        "\uFEFF---\r\nname: Frank\r\nspecies: flying squirrel\r\n---\r\n# Frank\r\n\r\nThe **leader**"
            + " of the [gang](http://x).\r\n\r\n\r\n\r\n## Looks\r\nBrown\tcoat.   \r\n```\r\n# not a heading\r\n```\r\n");
    assertEquals("markdown", d.format());
    assertEquals("Frank", d.title());
    assertEquals("flying squirrel", d.metadata().get("species"));
    assertEquals(List.of("Frank"), d.sections().get(0).headings());
    assertEquals("The leader of the gang.", d.sections().get(0).text());
    assertEquals(List.of("Frank", "Looks"), d.sections().get(1).headings());
    assertEquals("Brown coat.\n# not a heading", d.sections().get(1).text());
    assertTrue(d.docId().startsWith("frank_"));
  }

  @Test
  void jsonAndYamlBecomeReadableLines() throws Exception {
    Document j = read("film.json",
        "{\"film_name\": \"Big Buck Bunny\", \"year\": 2008, \"genres\": [\"comedy\", \"animation\"],"
            + " \"characters\": [{\"name\": \"Frank\", \"species\": \"flying squirrel\"}]}");
    assertEquals("Big Buck Bunny", j.title());
    assertEquals("2008", j.metadata().get("year"));
    assertEquals("Film name: Big Buck Bunny\nYear: 2008\nGenres: comedy, animation",
        j.sections().get(0).text());
    assertEquals(List.of("Characters", "Frank"), j.sections().get(1).headings());
    assertEquals("Name: Frank\nSpecies: flying squirrel", j.sections().get(1).text());
    Document y = read("cast.yml", "title: Cast\nrinky:\n  species: red squirrel\n");
    assertEquals("yaml", y.format());
    assertEquals(List.of("Rinky"), y.sections().get(1).headings());
  }

  @Test
  void sameTextSameDocumentWhateverTheLineEnds() throws Exception {
    Document unix = read("a.txt", "One.\n\nTwo.\n");
    Document dos = read("a.txt", "\uFEFFOne.\r\n\r\n\r\nTwo.  \r\n");
    assertEquals(unix.sections(), dos.sections());
  }

  @Test
  void badFilesSayWhatIsWrong() {
    String utf = error("a.md", new byte[] {'a', (byte) 0xC3, '(', 'b'});
    assertTrue(utf.contains("not valid UTF-8 (bad byte sequence at byte 1)"), utf);
    assertTrue(error("a.md", new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82}).contains("not valid UTF-8 (bad byte sequence at byte 2)"));
    assertTrue(error("a.txt", new byte[0]).contains("empty"));
    assertTrue(error("a.txt", "  \n\n \t".getBytes()).contains("only white space"));
    assertTrue(error("a.md", new byte[] {'%', 'P', 'D', 'F', 0, 1, 2}).contains("binary"));
    assertTrue(error("a.json", "{\"a\": [1, 2".getBytes()).contains("malformed JSON at line 1"));
    assertTrue(error("a.yaml", "a: [b\nc: {".getBytes()).contains("malformed YAML"));
    assertTrue(error("a.json", "{}".getBytes()).contains("holds no text"));
    assertTrue(error("a.pdf", "text".getBytes()).contains("not a Markdown"));
  }

  @Test
  void aHugeFileIsRefusedUnreadOrAfterTheLimitWhenItsSizeIsUnknown() throws Exception {
    String msg = assertThrows(BadDocumentException.class,
        () -> reader.read(InputStream.nullInputStream(), "big.txt", 100_000_000L)).getMessage();
    assertTrue(msg.contains("100.0 MB, over the 1.0 MB limit"), msg);
    // 100 MB of text streamed with no size known: stops reading just past the 1 MB limit.
    long[] served = {0};
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return served[0]++ < 100_000_000L ? 'a' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int n = (int) Math.min(len, 100_000_000L - served[0]);
        if (n <= 0) {
          return -1;
        }
        java.util.Arrays.fill(b, off, off + n, (byte) 'a');
        served[0] += n;
        return n;
      }
    };
    msg = assertThrows(BadDocumentException.class, () -> reader.read(endless, "big.txt", -1)).getMessage();
    assertTrue(msg.contains("over the 1.0 MB limit"), msg);
    assertTrue(served[0] <= (1 << 20) + 64 * 1024, "read " + served[0] + " bytes");
  }
}
