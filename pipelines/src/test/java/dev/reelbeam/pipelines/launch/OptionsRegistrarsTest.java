package dev.reelbeam.pipelines.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.junit.jupiter.api.Test;

/**
 * The jar carries ReelBeam's own list of options registrars in place of Beam core's and the Direct
 * runner's (pipelines/pom.xml); a name that does not load would stop every command of the jar at
 * its first flag.
 */
class OptionsRegistrarsTest {

  private static final String LIST = "META-INF/services/" + PipelineOptionsRegistrar.class.getName();

  @Test
  void everyListedRegistrarLoadsAndTheDefaultsAndDirectRunnerAreThere() throws Exception {
    List<String> names = ownList();
    for (String n : names) {
      assertTrue(PipelineOptionsRegistrar.class.isAssignableFrom(Class.forName(n)), n);
      Class.forName(n).getConstructor().newInstance();
    }
    assertTrue(names.contains("org.apache.beam.sdk.options.DefaultPipelineOptionsRegistrar"), names.toString());
    assertTrue(names.contains("org.apache.beam.runners.direct.DirectRegistrar$Options"), names.toString());
    assertEquals(names.size(), names.stream().distinct().count(), names.toString());
  }

  /** The module's own file: of the files of that name on the test class path, the one naming ReelBeam's registrar. */
  private static List<String> ownList() throws IOException {
    for (URL url : Collections.list(OptionsRegistrarsTest.class.getClassLoader().getResources(LIST))) {
      try (InputStream in = url.openStream();
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        List<String> names = r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .collect(Collectors.toList());
        if (names.contains("dev.reelbeam.pipelines.rag.RagOptionsRegistrar")) {
          return names;
        }
      }
    }
    throw new AssertionError("no " + LIST + " of ReelBeam's on the class path");
  }
}
