package dev.streamscope.app.settings;

/**
 * A connection the user made before; never holds a password.
 *
 * @param address the JMX address, or "" for a channelz-only target
 * @param channelz the channelz address, or ""
 */
public record RecentConnection(String address, String user, boolean ssl, String channelz, boolean channelzTls) {

    public RecentConnection {
        address = address == null ? "" : address.trim();
        user = user == null ? "" : user.trim();
        channelz = channelz == null ? "" : channelz.trim();
    }

    public RecentConnection(String address, String user, boolean ssl) {
        this(address, user, ssl, "", false);
    }

    /** How the connect dialog lists it. */
    public String label() {
        String jmx = address.isEmpty() ? "" : (user.isEmpty() ? "" : user + " @ ") + address + (ssl ? " (SSL)" : "");
        String grpc = channelz.isEmpty() ? "" : "channelz " + channelz + (channelzTls ? " (TLS)" : "");
        return jmx.isEmpty() ? grpc : grpc.isEmpty() ? jmx : jmx + " + " + grpc;
    }
}
