package dev.reelbeam.pipelines;

import dev.reelbeam.transforms.embed.EmbeddingModelSpec;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;

/**
 * What a job sent to Flink uploads: reelbeam.jar and, when the job builds a knowledge base, the
 * one model jar it reads. Beam's default stages every jar on the launcher's classpath, which
 * (through reelbeam.jar's manifest) includes all three model jars in {@code models/}: 177 MB more
 * with every job, for models it mostly does not load. A {@code --filesToStage} given is kept, and
 * nothing changes when the launcher does not run from a jar (tests, an IDE).
 */
final class FilesToStage {
  private FilesToStage() {}

  static void apply(ReelBeamOptions options, boolean buildsKnowledgeBase) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!FlinkRunner.class.equals(options.getRunner()) || flink.getFilesToStage() != null) {
      return;
    }
    Path jobJar = jarOf(FilesToStage.class.getProtectionDomain().getCodeSource().getLocation());
    if (jobJar == null) {
      return;
    }
    List<String> files = new ArrayList<>(List.of(jobJar.toString()));
    if (buildsKnowledgeBase) {
      String onnx = EmbeddingModelSpec.resolve(options.getEmbeddingModel()).onnx();
      if (onnx.startsWith("classpath:")) {
        URL resource = FilesToStage.class.getClassLoader().getResource(onnx.substring("classpath:".length()));
        Path modelJar = resource == null ? null : modelJarOf(resource);
        if (modelJar != null && !modelJar.equals(jobJar)) {
          files.add(modelJar.toString());
        }
      }
    }
    flink.setFilesToStage(files);
  }

  private static Path modelJarOf(URL resource) {
    if (!"jar".equals(resource.getProtocol())) {
      return null;
    }
    try {
      return jarOf(((JarURLConnection) resource.openConnection()).getJarFileURL());
    } catch (java.io.IOException e) {
      return null; // Beam's default staging then applies to the model as to everything else
    }
  }

  private static Path jarOf(URL location) {
    try {
      Path p = location == null ? null : Path.of(location.toURI());
      return p != null && Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
