package dev.streamscope.app.jmx.jolokia;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.transport.JvmTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where and how to reach a JVM through its Jolokia agent, over HTTP.
 *
 * @param url the agent's URL as the user typed it ({@code http://host:8778/jolokia/})
 * @param user the basic-auth user, or {@code null} when the agent asks for none
 * @param password its password, or {@code null}; taken from the environment, never persisted
 * @param caFile a PEM file of the CAs to trust for {@code https}, or {@code null} for the JDK's trust store
 */
public record JolokiaTarget(String url, String user, char[] password, Path caFile) implements JvmTarget {

    public JolokiaTarget {
        Objects.requireNonNull(url, "url");
        password = password == null ? null : password.clone();
    }

    /**
     * Checks what the user typed: an {@code http} or {@code https} URL with a host. A missing trailing slash is added,
     * as the agent serves {@code /jolokia/}.
     */
    public static JolokiaTarget parse(String text, String user, char[] password, Path caFile) throws TargetProblem {
        String trimmed = text == null ? "" : text.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException malformed) {
            throw malformed(trimmed, malformed.getReason());
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw malformed(trimmed, "it needs http:// or https://, a host and the agent's path");
        }
        if (caFile != null && !uri.getScheme().equals("https")) {
            throw new TargetProblem(
                    TargetProblem.Kind.MALFORMED_ADDRESS,
                    "A CA file (--jolokia-ca) was given for " + trimmed + ", which is not https; use https:// or leave"
                            + " the CA file out.");
        }
        String url = trimmed.endsWith("/") ? trimmed : trimmed + "/";
        return new JolokiaTarget(url, user == null || user.isBlank() ? null : user.trim(), password, caFile);
    }

    private static TargetProblem malformed(String text, String why) {
        return new TargetProblem(
                TargetProblem.Kind.MALFORMED_ADDRESS,
                "\"" + text + "\" is not a Jolokia agent URL (" + why
                        + "). Give one like http://127.0.0.1:8778/jolokia/");
    }

    @Override
    public String address() {
        return url;
    }

    public boolean hasCredentials() {
        return user != null;
    }

    @Override
    public char[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JolokiaTarget that
                && url.equals(that.url)
                && Objects.equals(user, that.user)
                && Arrays.equals(password, that.password)
                && Objects.equals(caFile, that.caFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, user, caFile);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "JolokiaTarget[" + url + (user != null ? ", user=" + user : "")
                + (caFile != null ? ", ca=" + caFile : "") + "]";
    }
}
