package dev.streamscope.app.settings;

/**
 * A connection the user made before; never holds a password.
 *
 * @param address the JMX address, or "" for a channelz-only target
 * @param channelz the channelz side, {@link RecentChannelz#NONE} for a JMX-only target
 * @param tunnelRedirect whether RMI stubs naming another host were sent to the address given (the default)
 * @param jolokiaCaFile the CA file trusted for an https Jolokia address, or ""
 */
public record RecentConnection(
        String address,
        String user,
        boolean ssl,
        RecentChannelz channelz,
        boolean tunnelRedirect,
        String jolokiaCaFile) {

    public RecentConnection {
        address = address == null ? "" : address.trim();
        user = user == null ? "" : user.trim();
        channelz = channelz == null ? RecentChannelz.NONE : channelz;
        jolokiaCaFile = jolokiaCaFile == null ? "" : jolokiaCaFile.trim();
    }

    /** With the tunnel redirect on, the default, and no Jolokia CA file. */
    public RecentConnection(String address, String user, boolean ssl, RecentChannelz channelz) {
        this(address, user, ssl, channelz, true, "");
    }

    /** A JMX-only connection. */
    public RecentConnection(String address, String user, boolean ssl) {
        this(address, user, ssl, RecentChannelz.NONE);
    }

    /** How the connect dialog lists it. */
    public String label() {
        String jmx = address.isEmpty()
                ? ""
                : (user.isEmpty() ? "" : user + " @ ")
                        + address
                        + (ssl ? " (SSL)" : "")
                        + (tunnelRedirect || address.isEmpty() ? "" : " (RMI as named)");
        String grpc = channelz.isEmpty() ? "" : "channelz " + channelz.address() + channelz.details();
        return jmx.isEmpty() ? grpc : grpc.isEmpty() ? jmx : jmx + " + " + grpc;
    }
}
