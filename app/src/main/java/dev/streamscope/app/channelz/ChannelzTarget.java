package dev.streamscope.app.channelz;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how to reach a channelz service.
 *
 * @param address host and port of the gRPC server that serves channelz
 * @param tls whether to speak TLS; all other fields are {@code null} when this is false
 * @param caFile PEM file of the certificate authorities to trust, or {@code null} for the JDK's default trust store
 * @param serverNameOverride the name to expect in the server's certificate (and to send as authority and SNI) instead
 *     of the host, or {@code null}
 * @param clientCertificateFile PEM certificate chain for mutual TLS, or {@code null}; given together with the key
 * @param clientKeyFile PEM PKCS#8 private key for mutual TLS, or {@code null}; given together with the certificate
 * @param maxInFlight at most this many channelz RPCs at once during a refresh, from 1 to {@link #MAX_IN_FLIGHT_LIMIT},
 *     so a refresh does not flood the target
 */
public record ChannelzTarget(
        ChannelzAddress address,
        boolean tls,
        Path caFile,
        String serverNameOverride,
        Path clientCertificateFile,
        Path clientKeyFile,
        int maxInFlight) {

    /** The RPCs in flight when the user sets nothing: what the walk was measured fastest with. */
    public static final int DEFAULT_MAX_IN_FLIGHT = ChannelzWalkSettings.DEFAULT.maxInFlight();

    /** The most RPCs in flight a user may ask for; far past the point where more stops helping. */
    public static final int MAX_IN_FLIGHT_LIMIT = 1024;

    public ChannelzTarget {
        Objects.requireNonNull(address, "address");
        if (!tls
                && (caFile != null
                        || serverNameOverride != null
                        || clientCertificateFile != null
                        || clientKeyFile != null)) {
            throw new IllegalArgumentException("CA file, server name and client certificate need TLS");
        }
        if ((clientCertificateFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
        if (serverNameOverride != null && serverNameOverride.isBlank()) {
            throw new IllegalArgumentException("the server name override must not be blank");
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException(
                    "channelz RPCs in flight must be from 1 to " + MAX_IN_FLIGHT_LIMIT + ": " + maxInFlight);
        }
    }

    public static ChannelzTarget plaintext(ChannelzAddress address) {
        return new ChannelzTarget(address, false, null, null, null, null, DEFAULT_MAX_IN_FLIGHT);
    }

    /** TLS trusting {@code caFile} (or the JDK's trust store when null), without a client certificate. */
    public static ChannelzTarget tls(ChannelzAddress address, Path caFile, String serverNameOverride) {
        return new ChannelzTarget(address, true, caFile, serverNameOverride, null, null, DEFAULT_MAX_IN_FLIGHT);
    }

    /** Mutual TLS: as {@link #tls} and presenting the client certificate with its key. */
    public static ChannelzTarget mutualTls(
            ChannelzAddress address,
            Path caFile,
            String serverNameOverride,
            Path clientCertificateFile,
            Path clientKeyFile) {
        return new ChannelzTarget(
                address, true, caFile, serverNameOverride, clientCertificateFile, clientKeyFile, DEFAULT_MAX_IN_FLIGHT);
    }

    /** The same target, refreshed with at most {@code maxInFlight} RPCs at once. */
    public ChannelzTarget withMaxInFlight(int maxInFlight) {
        return new ChannelzTarget(
                address, tls, caFile, serverNameOverride, clientCertificateFile, clientKeyFile, maxInFlight);
    }

    public boolean mutual() {
        return clientCertificateFile != null;
    }

    /** The host name the server's certificate must match. */
    public String expectedServerName() {
        return serverNameOverride != null ? serverNameOverride : address.host();
    }
}
