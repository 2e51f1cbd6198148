package dev.streamscope.app.channelz;

import dev.streamscope.app.base.TargetProblem;
import java.util.Objects;

/**
 * A channelz endpoint as {@code host:port}; IPv6 literals go in brackets ({@code [::1]:50051}).
 *
 * @param host the host name or IP literal, without brackets
 * @param port the TCP port, 1 to 65535
 */
public record ChannelzAddress(String host, int port) {

    public ChannelzAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }

    /**
     * Parses what the user typed after {@code --channelz}.
     *
     * @throws TargetProblem of kind {@link TargetProblem.Kind#MALFORMED_ADDRESS} saying what is wrong and what is expected
     */
    public static ChannelzAddress parse(String text) throws TargetProblem {
        if (text == null || text.isBlank()) {
            throw malformed(text, "it is empty");
        }
        String trimmed = text.trim();
        if (trimmed.contains("://")) {
            throw malformed(trimmed, "it has a scheme; channelz needs no URL, only the gRPC server's host and port");
        }
        String host;
        String portText;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
                throw malformed(trimmed, "an IPv6 address needs brackets and a port, as in [::1]:50051");
            }
            host = trimmed.substring(1, close);
            portText = trimmed.substring(close + 2);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                throw malformed(trimmed, "the port is missing");
            }
            if (trimmed.indexOf(':') != colon) {
                throw malformed(trimmed, "an IPv6 address needs brackets, as in [::1]:50051");
            }
            host = trimmed.substring(0, colon);
            portText = trimmed.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw malformed(trimmed, "the host is missing");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw malformed(trimmed, "the port '" + portText + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw malformed(trimmed, "the port " + port + " is outside 1 to 65535");
        }
        return new ChannelzAddress(host, port);
    }

    /** The address as gRPC wants it for a target and an authority. */
    public String authority() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public String toString() {
        return authority();
    }

    private static TargetProblem malformed(String text, String why) {
        return new TargetProblem(
                TargetProblem.Kind.MALFORMED_ADDRESS,
                "'" + text + "' is not a channelz address: " + why + ". Give host:port of the gRPC server that serves"
                        + " channelz, e.g. 127.0.0.1:50051.");
    }
}
