package dev.weft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version (and home page) Maven wrote into {@code weft-version.properties} when it built the CLI. */
final class WeftVersion implements IVersionProvider {
    private static final String RESOURCE = "weft-version.properties";

    static String current() {
        String version = property("version");
        return version == null ? "unknown" : version;
    }

    /** weft's home page (the {@code weft.homepage} build property), or null when the build did not set one. */
    static String homepage() {
        return property("homepage");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"weft " + current()};
    }

    /** The property's value, or null when it is missing, empty or was not filled in by the build. */
    private static String property(String name) {
        try (InputStream in = WeftVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(name, "").strip();
            return value.isEmpty() || value.startsWith("${") ? null : value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
