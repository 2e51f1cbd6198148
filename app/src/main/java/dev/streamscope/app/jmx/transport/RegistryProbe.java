package dev.streamscope.app.jmx.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.management.remote.JMXServiceURL;

/**
 * Asks a plaintext RMI registry port who it is before JNDI gets involved, because RMI cannot tell the cases apart: an
 * SSL registry and an HTTP server both come back as "non-JRMP server", and an HTTP server never answers RMI's
 * greeting at all (it waits for an end of line RMI never sends), which would look like a hung JVM.
 *
 * <p>The probe sends RMI's greeting; an RMI server answers at once. If nothing comes, it sends a blank line, which
 * any line-based protocol answers. Costs one short extra connection per connect, none per poll.
 */
final class RegistryProbe {

    /** What answered on the port. */
    enum Finding {
        /** An RMI (JRMP) server: go ahead. */
        RMI,
        /** A TLS server: the registry wants SSL. */
        TLS,
        /** An HTTP server. */
        HTTP,
        /** Something else that answered, or closed the connection on RMI's greeting. */
        OTHER_PROTOCOL,
        /** Nothing answered within the probe's wait; the real connect decides. */
        SILENT
    }

    /** JRMP: magic "JRMI", version 2, stream protocol. */
    private static final byte[] GREETING = {0x4a, 0x52, 0x4d, 0x49, 0x00, 0x02, 0x4b};

    private static final int PROTOCOL_ACK = 0x4e;
    private static final int TLS_ALERT = 0x15;
    private static final int TLS_HANDSHAKE = 0x16;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    private RegistryProbe() {}

    /** The registry's host and port when {@code url} names one through JNDI ({@code /jndi/rmi://host:port/...}). */
    static Optional<Endpoint> registryOf(JMXServiceURL url) {
        String path = url.getURLPath();
        if (!path.startsWith("/jndi/rmi://")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(path.substring("/jndi/".length()));
            String host = uri.getHost();
            if (host == null) {
                return Optional.empty();
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return Optional.of(new Endpoint(host, uri.getPort() < 0 ? 1099 : uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The name a JNDI registry URL looks up: {@code jmxrmi} in {@code /jndi/rmi://host:9010/jmxrmi}. */
    static String nameOf(JMXServiceURL url) {
        String path = URI.create(url.getURLPath().substring("/jndi/".length())).getPath();
        return path == null || path.length() <= 1 ? "" : path.substring(1);
    }

    /**
     * Probes {@code registry}, waiting at most about 60 % of {@code deadline} for answers.
     *
     * @throws IOException when the port cannot be reached at all (unknown host, refused, ...)
     */
    static Finding probe(Endpoint registry, Duration deadline) throws IOException {
        Duration wait = min(LONGEST_WAIT, deadline.multipliedBy(3).dividedBy(10));
        try (Socket socket = RmiClientSockets.connect(registry.host(), registry.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(GREETING);
            out.flush();
            socket.setSoTimeout(Math.max(1, (int) wait.toMillis()));
            try {
                return identify(in);
            } catch (SocketTimeoutException silentOnGreeting) {
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            try {
                return identify(in);
            } catch (SocketTimeoutException silentOnLine) {
                return Finding.SILENT;
            }
        } catch (IOException e) {
            if (e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException) {
                throw e;
            }
            if (e instanceof SocketTimeoutException) {
                throw e; // the connect itself timed out
            }
            // reset or broken pipe after connecting: whatever listens hung up on RMI's greeting
            return Finding.OTHER_PROTOCOL;
        }
    }

    private static Finding identify(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return Finding.OTHER_PROTOCOL;
        }
        if (first == PROTOCOL_ACK) {
            return Finding.RMI;
        }
        if (first == TLS_ALERT || first == TLS_HANDSHAKE) {
            return Finding.TLS;
        }
        byte[] rest = new byte[4];
        int count = 0;
        try {
            count = in.readNBytes(rest, 0, rest.length);
        } catch (SocketTimeoutException e) {
            // a one-byte answer is still an answer
        }
        String start = (char) first + new String(rest, 0, count, StandardCharsets.US_ASCII);
        return start.startsWith("HTTP/") ? Finding.HTTP : Finding.OTHER_PROTOCOL;
    }

    private static Duration min(Duration first, Duration second) {
        return first.compareTo(second) <= 0 ? first : second;
    }

    record Endpoint(String host, int port) {

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
