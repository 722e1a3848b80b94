package dev.headroom.dashboard.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build, read from {@code build.properties} (filtered by Maven at build time).
 *
 * @param version the project version, {@code unknown} when the resource is missing
 */
public record BuildInfo(String version) {
    public BuildInfo {
        version = version == null || version.isBlank() || version.startsWith("${") ? "unknown" : version;
    }

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/headroom/dashboard/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return new BuildInfo(null);
        }
        return new BuildInfo(p.getProperty("version"));
    }
}
