package dev.reelbeam.pipelines;

import java.net.URI;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code --input=hdfs://host:port/...} without a Hadoop configuration folder: Beam's Hadoop
 * filesystem serves the {@code hdfs} scheme only when {@code --hdfsConfiguration} (or
 * {@code HADOOP_CONF_DIR}) gives it a configuration, so when neither does, the NameNode named in the
 * input becomes the configuration's {@code fs.defaultFS}. A configuration the user gave is kept, and
 * registered for the launcher's own listing and checks as the made one is.
 */
public final class HdfsInput {
  private HdfsInput() {}

  /** Configures Beam's Hadoop filesystem for {@code input} when it is an hdfs:// URI and none is set. */
  public static void configure(PipelineOptions options, String input) {
    URI uri;
    try {
      uri = URI.create(input.replaceAll("[*?\\[{].*$", ""));
    } catch (IllegalArgumentException e) {
      return; // not a URI: a local path or glob
    }
    if (!"hdfs".equalsIgnoreCase(uri.getScheme()) || uri.getAuthority() == null) {
      return;
    }
    HadoopFileSystemOptions hadoop = options.as(HadoopFileSystemOptions.class);
    List<Configuration> given = hadoop.getHdfsConfiguration();
    if (given != null && !given.isEmpty()) {
      // The user's (--hdfsConfiguration, HADOOP_CONF_DIR): the launcher's checks need it too.
      FileSystems.setDefaultPipelineOptions(options);
      return;
    }
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", "hdfs://" + uri.getAuthority());
    hadoop.setHdfsConfiguration(List.of(conf));
    // The launcher lists and checks the input too, before any worker starts.
    FileSystems.setDefaultPipelineOptions(options);
  }
}
