package org.datahandle.fs.hdfs;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;

/**
 * Builds the Hadoop configuration, later sources over earlier ones:
 * <ol>
 *   <li>Hadoop's defaults and {@code core-site.xml} / {@code hdfs-site.xml} on the class path (what
 *       any Hadoop client reads);
 *   <li>{@code core-site.xml} and {@code hdfs-site.xml} in {@code hdfs.confDir}, else in
 *       {@code HADOOP_CONF_DIR} (Hadoop's launch scripts put that folder on the class path; an
 *       embedded library has to read it itself);
 *   <li>the catalog's options that are Hadoop keys.
 * </ol>
 */
final class HadoopConfigurations {
    private static final String[] SITE_FILES = {"core-site.xml", "hdfs-site.xml"};

    private HadoopConfigurations() {}

    static Configuration build(HdfsSettings settings) {
        Configuration conf = new Configuration();
        // core-site.xml is a default resource of every Configuration; hdfs-site.xml becomes one only once
        // Hadoop's HDFS classes initialise, which is too late for fs.defaultFS set there
        for (String name : new String[] {"hdfs-default.xml", "hdfs-site.xml"}) {
            if (conf.getClassLoader().getResource(name) != null) {
                conf.addResource(name);
            }
        }
        settings.configurationDirectory().ifPresent(folder -> addSiteFiles(conf, folder));
        for (Map.Entry<String, String> option : settings.hadoopOptions().entrySet()) {
            conf.set(option.getKey(), option.getValue(), "DataHandle file-system option");
        }
        return conf;
    }

    private static void addSiteFiles(Configuration conf, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.of(folder.toString()),
                    "the Hadoop configuration folder (hdfs.confDir or HADOOP_CONF_DIR) does not exist or is not a folder");
        }
        for (String name : SITE_FILES) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                conf.addResource(file.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.of(file.toString()),
                        "cannot use this Hadoop configuration file", e);
            }
        }
        try {
            conf.size(); // parse now, so a broken file fails here rather than inside some later Hadoop call
        } catch (RuntimeException e) {
            throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.of(folder.toString()),
                    "a Hadoop configuration file in this folder is malformed", e);
        }
    }
}
