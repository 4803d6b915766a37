package io.annals.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version the build stamped into the jar. */
public final class AnnalsVersion {
    private AnnalsVersion() {}

    public static String current() {
        Properties props = new Properties();
        try (InputStream in =
                AnnalsVersion.class.getResourceAsStream("/annals-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version stamp", e);
        }
        return props.getProperty("version", "unknown");
    }

    /** What the node calls itself in devp2p Hello and web3_clientVersion. */
    public static String clientId() {
        return "Annals/v" + current() + "/java" + Runtime.version().feature();
    }
}
