package dev.reelbeam.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form of {@link Sha256} gives FIPS 180-2's digest, and the ids cut from it keep their length. */
class Sha256Test {
  /** FIPS 180-2, appendix B.1: SHA-256("abc"). */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  /** 70,000 bytes: more than one 64 KiB block, so the streamed forms loop. */
  private static byte[] long_() {
    byte[] b = new byte[70_000];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31);
    }
    return b;
  }

  @Test
  void everyFormGivesTheStandardDigest() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
    assertEquals(ABC, Sha256.of("abc"));
    assertEquals(ABC, Sha256.of(abc));
    assertEquals(ABC, Sha256.of(new ByteArrayInputStream(abc)));
  }

  @Test
  void streamsAndFilesAgreeWithBytesPastOneBlock(@TempDir Path dir) throws Exception {
    byte[] data = long_();
    Path file = Files.write(dir.resolve("data.bin"), data);
    String whole = Sha256.of(data);
    assertEquals(whole, Sha256.of(file));
    assertEquals(whole, Sha256.of(new ByteArrayInputStream(data)));
  }

  @Test
  void videoIdsUseTheFirstEightHexDigits() {
    assertEquals(ABC.substring(0, 8), VideoId.shortHash("abc"));
  }
}
