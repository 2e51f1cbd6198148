package dev.streamscope.app.jmx.transport;

import java.util.Arrays;
import java.util.Objects;
import javax.management.remote.JMXServiceURL;

/**
 * Where and how to reach a JVM over JMX.
 *
 * @param address what the user typed ({@code host:port} or a {@code service:jmx:} URL), kept for display
 * @param url the parsed service URL
 * @param user the user name, or {@code null} when the target needs none
 * @param password the password, or {@code null}; never persisted
 * @param ssl whether to reach the RMI registry over SSL (the connector stub says for itself whether it wants SSL)
 * @param tunnelRedirect whether a connector stub that names another host is sent to the address given instead, as
 *     behind {@code kubectl port-forward} or {@code ssh -L} (see {@code StubRoute})
 */
public record JmxTarget(
        String address, JMXServiceURL url, String user, char[] password, boolean ssl, boolean tunnelRedirect)
        implements JvmTarget {

    public JmxTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(url, "url");
        password = password == null ? null : password.clone();
    }

    /** With the tunnel redirect on, the default. */
    public JmxTarget(String address, JMXServiceURL url, String user, char[] password, boolean ssl) {
        this(address, url, user, password, ssl, true);
    }

    /** The same target, with stubs naming another host sent to the address given or not. */
    public JmxTarget withTunnelRedirect(boolean redirect) {
        return new JmxTarget(address, url, user, password, ssl, redirect);
    }

    public boolean hasCredentials() {
        return user != null && !user.isEmpty();
    }

    @Override
    public char[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JmxTarget that
                && address.equals(that.address)
                && url.equals(that.url)
                && Objects.equals(user, that.user)
                && Arrays.equals(password, that.password)
                && ssl == that.ssl
                && tunnelRedirect == that.tunnelRedirect;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, url, user, ssl, tunnelRedirect);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "JmxTarget[" + address + (hasCredentials() ? ", user=" + user : "") + (ssl ? ", ssl" : "")
                + (tunnelRedirect ? "" : ", no tunnel redirect") + "]";
    }
}
