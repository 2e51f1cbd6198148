package dev.streamscope.app.settings;

import dev.streamscope.app.channelz.ChannelzTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection the user made before; never holds a password.
 *
 * @param address the JMX address, or "" for a channelz-only target
 * @param channelz the channelz address, or ""
 * @param channelzMaxInFlight the most channelz RPCs at once during a refresh
 */
public record RecentConnection(
        String address, String user, boolean ssl, String channelz, boolean channelzTls, int channelzMaxInFlight) {

    public RecentConnection {
        address = address == null ? "" : address.trim();
        user = user == null ? "" : user.trim();
        channelz = channelz == null ? "" : channelz.trim();
    }

    public RecentConnection(String address, String user, boolean ssl) {
        this(address, user, ssl, "", false, ChannelzTarget.DEFAULT_MAX_IN_FLIGHT);
    }

    /** How the connect dialog lists it. */
    public String label() {
        String jmx = address.isEmpty() ? "" : (user.isEmpty() ? "" : user + " @ ") + address + (ssl ? " (SSL)" : "");
        String grpc = channelz.isEmpty() ? "" : "channelz " + channelz + channelzDetails();
        return jmx.isEmpty() ? grpc : grpc.isEmpty() ? jmx : jmx + " + " + grpc;
    }

    /** " (TLS, 8 RPCs in flight)": what differs from plaintext with the default RPCs in flight. */
    private String channelzDetails() {
        List<String> details = new ArrayList<>();
        if (channelzTls) {
            details.add("TLS");
        }
        if (channelzMaxInFlight != ChannelzTarget.DEFAULT_MAX_IN_FLIGHT) {
            details.add(channelzMaxInFlight + " RPCs in flight");
        }
        return details.isEmpty() ? "" : " (" + String.join(", ", details) + ")";
    }
}
