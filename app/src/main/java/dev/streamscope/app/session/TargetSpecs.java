package dev.streamscope.app.session;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.jmx.jolokia.JolokiaTarget;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxTarget;
import java.nio.file.Path;

/** Builds a {@link TargetSpec} from what a user typed, in the dialog or on the command line, with specific messages. */
public final class TargetSpecs {

    /**
     * How to reach channelz: TLS and how hard to press it; empty strings mean "not given".
     *
     * @param tls whether to speak TLS
     * @param caFile PEM file of the CAs to trust; empty for the JDK's trust store
     * @param serverName the name to expect in the server's certificate instead of the host
     * @param certificateFile and {@code keyFile}: the client certificate for mutual TLS
     * @param maxInFlight the most channelz RPCs at once during a refresh, as typed; empty for
     *     {@link ChannelzTarget#DEFAULT_MAX_IN_FLIGHT}
     */
    public record ChannelzOptions(
            boolean tls, String caFile, String serverName, String certificateFile, String keyFile, String maxInFlight) {

        /** Plaintext, with the default RPCs in flight. */
        public static final ChannelzOptions PLAINTEXT = new ChannelzOptions(false, "", "", "", "", "");
    }

    private TargetSpecs() {}

    /**
     * @param jmxAddress the JVM's JMX address, or blank for none
     * @param channelzAddress the channelz service's {@code host:port}, or blank for none
     */
    public static TargetSpec parse(
            String jmxAddress,
            String user,
            char[] password,
            boolean ssl,
            String channelzAddress,
            ChannelzOptions channelzOptions)
            throws TargetProblem {
        boolean hasJmx = jmxAddress != null && !jmxAddress.isBlank();
        boolean hasChannelz = channelzAddress != null && !channelzAddress.isBlank();
        if (!hasJmx && !hasChannelz) {
            throw new TargetProblem(
                    TargetProblem.Kind.MALFORMED_ADDRESS,
                    "Give a JMX address (host:port of the JVM's JMX port), a channelz address (host:port of its gRPC"
                            + " server), or both.");
        }
        JmxTarget jmx = hasJmx ? JmxAddress.parse(jmxAddress, blankToNull(user), password, ssl) : null;
        ChannelzTarget channelz = hasChannelz ? channelz(channelzAddress, channelzOptions) : null;
        return new TargetSpec(null, jmx, channelz);
    }

    /** Whether {@code address} names a Jolokia agent (an http:// or https:// URL) rather than a JMX address. */
    public static boolean isJolokiaUrl(String address) {
        String trimmed = address == null ? "" : address.trim();
        return trimmed.regionMatches(true, 0, "http://", 0, 7) || trimmed.regionMatches(true, 0, "https://", 0, 8);
    }

    /**
     * A JVM reached through its Jolokia agent over HTTP, with its channelz service or without.
     *
     * @param url the agent's URL
     * @param caFile PEM file of the CAs to trust for https; blank or null for the JDK's trust store
     * @param channelzAddress the channelz service's {@code host:port}, or blank for none
     */
    public static TargetSpec jolokia(
            String url,
            String user,
            char[] password,
            String caFile,
            String channelzAddress,
            ChannelzOptions channelzOptions)
            throws TargetProblem {
        JolokiaTarget jvm = JolokiaTarget.parse(
                url, blankToNull(user), password, caFile == null || caFile.isBlank() ? null : Path.of(caFile.trim()));
        boolean hasChannelz = channelzAddress != null && !channelzAddress.isBlank();
        return new TargetSpec(null, jvm, hasChannelz ? channelz(channelzAddress, channelzOptions) : null);
    }

    /**
     * The RPCs in flight a user typed: a whole number from 1 to {@link ChannelzTarget#MAX_IN_FLIGHT_LIMIT}, or blank
     * for {@link ChannelzTarget#DEFAULT_MAX_IN_FLIGHT}.
     */
    public static int maxInFlight(String text) throws TargetProblem {
        if (text == null || text.isBlank()) {
            return ChannelzTarget.DEFAULT_MAX_IN_FLIGHT;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= ChannelzTarget.MAX_IN_FLIGHT_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // same message as out of range
        }
        throw new TargetProblem(
                TargetProblem.Kind.MALFORMED_ADDRESS,
                "Channelz RPCs in flight must be a whole number from 1 to " + ChannelzTarget.MAX_IN_FLIGHT_LIMIT
                        + "; got \"" + text.trim() + "\". Fewer are gentler on the target; the default is "
                        + ChannelzTarget.DEFAULT_MAX_IN_FLIGHT + ".");
    }

    private static ChannelzTarget channelz(String text, ChannelzOptions options) throws TargetProblem {
        ChannelzAddress address = ChannelzAddress.parse(text);
        int maxInFlight = maxInFlight(options.maxInFlight());
        return reach(address, options).withMaxInFlight(maxInFlight);
    }

    private static ChannelzTarget reach(ChannelzAddress address, ChannelzOptions options) throws TargetProblem {
        if (!options.tls()) {
            if (!options.caFile().isBlank()
                    || !options.certificateFile().isBlank()
                    || !options.serverName().isBlank()) {
                throw new TargetProblem(
                        TargetProblem.Kind.MALFORMED_ADDRESS,
                        "A CA file, server name or client certificate was given for channelz without TLS; turn TLS on"
                                + " (--channelz-tls) or leave them out.");
            }
            return ChannelzTarget.plaintext(address);
        }
        Path ca = options.caFile().isBlank() ? null : Path.of(options.caFile().trim());
        String serverName = blankToNull(options.serverName());
        boolean certificate = !options.certificateFile().isBlank();
        boolean key = !options.keyFile().isBlank();
        if (certificate != key) {
            throw new TargetProblem(
                    TargetProblem.Kind.MALFORMED_ADDRESS,
                    "Mutual TLS needs both the client certificate and its private key; "
                            + (certificate ? "the key file is missing." : "the certificate file is missing."));
        }
        return certificate
                ? ChannelzTarget.mutualTls(
                        address,
                        ca,
                        serverName,
                        Path.of(options.certificateFile().trim()),
                        Path.of(options.keyFile().trim()))
                : ChannelzTarget.tls(address, ca, serverName);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
