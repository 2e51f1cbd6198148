package dev.streamscope.app.settings;

import dev.streamscope.app.channelz.ChannelzTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The channelz side of a recent connection, as the user typed it. TLS files are remembered by path only; nothing here
 * is a secret (the key file's path is no more one than an SSH config's identity file).
 *
 * @param address the channelz address, or "" when the connection had none
 * @param caFile and the other TLS fields: "" when not given or TLS was off
 * @param maxInFlight the most channelz RPCs at once during a refresh
 */
public record RecentChannelz(
        String address,
        boolean tls,
        String caFile,
        String serverName,
        String certificateFile,
        String keyFile,
        int maxInFlight) {

    /** A connection without channelz. */
    public static final RecentChannelz NONE =
            new RecentChannelz("", false, "", "", "", "", ChannelzTarget.DEFAULT_MAX_IN_FLIGHT);

    public RecentChannelz {
        address = trimmed(address);
        caFile = tls ? trimmed(caFile) : "";
        serverName = tls ? trimmed(serverName) : "";
        certificateFile = tls ? trimmed(certificateFile) : "";
        keyFile = tls ? trimmed(keyFile) : "";
    }

    public boolean isEmpty() {
        return address.isEmpty();
    }

    /** " (TLS, 8 RPCs in flight)": what differs from plaintext with the default RPCs in flight. */
    String details() {
        List<String> details = new ArrayList<>();
        if (tls) {
            details.add(certificateFile.isEmpty() ? "TLS" : "mTLS");
        }
        if (maxInFlight != ChannelzTarget.DEFAULT_MAX_IN_FLIGHT) {
            details.add(maxInFlight + " RPCs in flight");
        }
        return details.isEmpty() ? "" : " (" + String.join(", ", details) + ")";
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }
}
