package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import java.net.MalformedURLException;
import java.util.regex.Pattern;
import javax.management.remote.JMXServiceURL;

/** Turns what a user typed into a {@link JmxTarget}, or says precisely what is wrong with it. */
public final class JmxAddress {

    private static final String URL_PREFIX = "service:jmx:";
    private static final String EXAMPLE =
            "localhost:9010, [::1]:9010 or service:jmx:rmi:///jndi/rmi://host:9010/jmxrmi";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private JmxAddress() {}

    /**
     * Parses {@code host:port}, {@code [ipv6]:port} or a full {@code service:jmx:} URL; surrounding whitespace is
     * ignored. A {@code host:port} becomes {@code service:jmx:rmi:///jndi/rmi://host:port/jmxrmi}, the address of the
     * JDK's built-in agent ({@code -Dcom.sun.management.jmxremote.port}).
     *
     * @param user the user name, or {@code null} or blank when the target needs none
     * @param password the password, or {@code null}
     * @param ssl whether to reach the RMI registry over SSL
     * @throws TargetProblem of kind {@link Kind#MALFORMED_ADDRESS} saying what is wrong and what is expected
     */
    public static JmxTarget parse(String address, String user, char[] password, boolean ssl) throws TargetProblem {
        String trimmed = address == null ? "" : address.strip();
        if (trimmed.isEmpty()) {
            throw malformed("No JMX address given. Enter host:port, for example " + EXAMPLE + ".");
        }
        JMXServiceURL url = trimmed.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length())
                ? serviceUrl(trimmed)
                : hostAndPort(trimmed);
        String userName = user == null || user.isBlank() ? null : user.strip();
        return new JmxTarget(trimmed, url, userName, password, ssl);
    }

    private static JMXServiceURL serviceUrl(String text) throws TargetProblem {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(text);
        } catch (MalformedURLException e) {
            throw malformed("'" + text + "' is not a valid JMX service URL (" + e.getMessage()
                    + "). Expected a URL like " + "service:jmx:rmi:///jndi/rmi://host:9010/jmxrmi.");
        }
        if (!"rmi".equals(url.getProtocol())) {
            throw malformed("'" + text + "' uses the JMX protocol '" + url.getProtocol()
                    + "'; StreamScope speaks only 'rmi', as in service:jmx:rmi:///jndi/rmi://host:9010/jmxrmi.");
        }
        return url;
    }

    private static JMXServiceURL hostAndPort(String text) throws TargetProblem {
        String host;
        String portText;
        String hostForUrl;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw malformed("'" + text + "' opens an IPv6 address with '[' but never closes it. Write it as "
                        + "[::1]:9010.");
            }
            host = text.substring(1, close);
            if (!IPV6_LITERAL.matcher(host).matches() || host.indexOf(':') < 0) {
                throw malformed("'" + host + "' in '" + text + "' is not an IPv6 address.");
            }
            String rest = text.substring(close + 1);
            if (rest.isEmpty() || rest.equals(":")) {
                throw missingPort(text);
            }
            if (!rest.startsWith(":")) {
                throw malformed("'" + text + "' has '" + rest + "' after the IPv6 address; expected :port, as in "
                        + "[::1]:9010.");
            }
            portText = rest.substring(1);
            hostForUrl = "[" + host + "]";
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || colon == text.length() - 1) {
                throw missingPort(text);
            }
            host = text.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw malformed("'" + text + "' looks like an IPv6 address: put it in brackets, as in [::1]:9010.");
            }
            if (host.isEmpty()) {
                throw malformed("'" + text + "' has no host name before the port. Expected host:port, for example "
                        + "localhost:9010.");
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw malformed("'" + host + "' is not a valid host name (letters, digits, '-' and '.' only). Expected "
                        + "host:port, for example localhost:9010.");
            }
            portText = text.substring(colon + 1);
            hostForUrl = host;
        }
        int port = port(text, portText);
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostForUrl + ":" + port + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw malformed("'" + text + "' does not make a valid JMX service URL (" + e.getMessage() + ").");
        }
    }

    private static int port(String text, String portText) throws TargetProblem {
        if (!portText.chars().allMatch(Character::isDigit)) {
            throw malformed("The port '" + portText + "' in '" + text + "' is not a number. Expected host:port, for "
                    + "example localhost:9010.");
        }
        // more than 5 digits cannot be a port, and would overflow parseInt
        int port = portText.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw malformed("The port " + portText + " in '" + text + "' is out of range; a TCP port is 1 to 65535.");
        }
        return port;
    }

    private static TargetProblem missingPort(String text) {
        return malformed("'" + text + "' has no port. Add the JMX port the JVM was started with "
                + "(-Dcom.sun.management.jmxremote.port=…), as in " + text.replaceAll(":$", "") + ":9010.");
    }

    private static TargetProblem malformed(String message) {
        return new TargetProblem(Kind.MALFORMED_ADDRESS, message);
    }
}
