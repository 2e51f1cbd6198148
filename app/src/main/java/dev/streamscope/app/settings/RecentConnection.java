package dev.streamscope.app.settings;

/** A connection the user made before; never holds a password. */
public record RecentConnection(String address, String user, boolean ssl) {

    public RecentConnection {
        address = address == null ? "" : address.trim();
        user = user == null ? "" : user.trim();
    }

    /** How the connect dialog lists it. */
    public String label() {
        return (user.isEmpty() ? "" : user + " @ ") + address + (ssl ? " (SSL)" : "");
    }
}
