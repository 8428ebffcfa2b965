package dev.reelbeam.io.docs;

import dev.reelbeam.io.files.Sha256;
import dev.reelbeam.io.files.VideoId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads one document file as a stream: the bytes are checked and decoded 64 KiB at a time, so a
 * huge or binary file is refused after its first block instead of being loaded whole. Bad files
 * throw {@link BadDocumentException} with a message a person understands.
 */
public final class DocumentReader {

  /** Default size limit: a character sheet or film description is a few KiB. */
  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

  private static final int BLOCK = 64 * 1024;

  private final long maxBytes;

  public DocumentReader(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public DocumentReader() {
    this(DEFAULT_MAX_BYTES);
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Reads and parses {@code in} (closed by the caller).
   *
   * @param relativePath the path below the documents root, {@code /}-separated
   * @param sizeHint the file size if known (else -1): a file over the limit is refused unopened
   */
  public Document read(InputStream in, String relativePath, long sizeHint)
      throws IOException, BadDocumentException {
    DocumentFormat format =
        DocumentFormat.of(relativePath)
            .orElseThrow(() -> new BadDocumentException("not a Markdown, text, JSON or YAML file"));
    if (sizeHint > maxBytes) {
      throw tooLarge(sizeHint);
    }
    Decoded decoded = decode(in);
    if (decoded.text.isBlank()) {
      throw new BadDocumentException(
          decoded.bytes == 0 ? "the file is empty" : "the file holds only white space");
    }
    String text = TextNormalizer.normalize(decoded.text);
    String docId = VideoId.of(relativePath);
    return DocumentParser.parse(relativePath, docId, format, text, decoded.sha256, decoded.bytes);
  }

  private BadDocumentException tooLarge(long size) {
    return new BadDocumentException(
        String.format(
            "the file is %.1f MB, over the %.1f MB limit for one document; split it into smaller files",
            size / 1e6, maxBytes / 1e6));
  }

  private record Decoded(String text, String sha256, long bytes) {}

  private Decoded decode(InputStream in) throws IOException, BadDocumentException {
    MessageDigest sha = Sha256.digest();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder text = new StringBuilder();
    ByteBuffer bytes = ByteBuffer.allocate(BLOCK + 8);
    CharBuffer chars = CharBuffer.allocate(BLOCK + 8);
    byte[] block = new byte[BLOCK];
    long total = 0;
    long decodedUpTo = 0;
    boolean eof = false;
    while (!eof) {
      int n = in.readNBytes(block, 0, BLOCK);
      eof = n < BLOCK;
      if (n > 0) {
        if (total == 0) {
          checkNotBinary(block, n, total);
        }
        total += n;
        if (total > maxBytes) {
          throw tooLarge(total);
        }
        sha.update(block, 0, n);
        bytes.put(block, 0, n);
      }
      bytes.flip();
      CoderResult r = decoder.decode(bytes, chars, eof);
      if (r.isError()) {
        long at = decodedUpTo + bytes.position();
        throw new BadDocumentException(
            "not valid UTF-8 (bad byte sequence at byte " + at + "); save the file as UTF-8");
      }
      if (eof) {
        r = decoder.flush(chars);
        if (r.isError()) {
          throw new BadDocumentException("not valid UTF-8 (truncated sequence at the end of the file)");
        }
      }
      decodedUpTo += bytes.position();
      bytes.compact();
      chars.flip();
      text.append(chars);
      chars.clear();
    }
    if (bytes.position() > 0) {
      throw new BadDocumentException("not valid UTF-8 (truncated sequence at the end of the file)");
    }
    return new Decoded(text.toString(), HexFormat.of().formatHex(sha.digest()), total);
  }

  /** NUL bytes, or many control bytes, mean a binary file (an image, a PDF, a zip ...). */
  private static void checkNotBinary(byte[] block, int n, long offset) throws BadDocumentException {
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = block[i] & 0xff;
      if (b == 0) {
        throw new BadDocumentException(
            "a binary file (NUL byte at byte " + (offset + i) + "), not text");
      }
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
        control++;
      }
    }
    if (n >= 64 && control * 10 > n) {
      throw new BadDocumentException("a binary file (" + control + " control bytes in its first "
          + n + "), not text");
    }
  }

}
