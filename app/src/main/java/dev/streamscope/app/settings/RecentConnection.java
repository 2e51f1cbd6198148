package dev.streamscope.app.settings;

/**
 * A connection the user made before; never holds a password.
 *
 * @param address the JMX address, or "" for a channelz-only target
 * @param channelz the channelz side, {@link RecentChannelz#NONE} for a JMX-only target
 */
public record RecentConnection(String address, String user, boolean ssl, RecentChannelz channelz) {

    public RecentConnection {
        address = address == null ? "" : address.trim();
        user = user == null ? "" : user.trim();
        channelz = channelz == null ? RecentChannelz.NONE : channelz;
    }

    /** A JMX-only connection. */
    public RecentConnection(String address, String user, boolean ssl) {
        this(address, user, ssl, RecentChannelz.NONE);
    }

    /** How the connect dialog lists it. */
    public String label() {
        String jmx = address.isEmpty() ? "" : (user.isEmpty() ? "" : user + " @ ") + address + (ssl ? " (SSL)" : "");
        String grpc = channelz.isEmpty() ? "" : "channelz " + channelz.address() + channelz.details();
        return jmx.isEmpty() ? grpc : grpc.isEmpty() ? jmx : jmx + " + " + grpc;
    }
}
