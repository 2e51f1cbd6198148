package dev.streamscope.app.fleet;

import java.net.URI;
import java.util.Map;

/**
 * Where Prometheus is and how to talk to it. Secrets come from the environment and are never stored or printed.
 *
 * @param url the server's base URL, e.g. {@code http://prometheus:9090} (a path prefix is kept)
 * @param caFile a PEM file of CA certificates to trust for https, or empty for the JDK's
 * @param user a user for basic authentication, or empty
 * @param password the user's password, or empty
 * @param token a bearer token, or empty; wins over the user
 */
public record PrometheusEndpoint(URI url, String caFile, String user, String password, String token) {

    public static final String TOKEN_VARIABLE = "STREAMSCOPE_PROMETHEUS_TOKEN";
    public static final String PASSWORD_VARIABLE = "STREAMSCOPE_PROMETHEUS_PASSWORD";

    public PrometheusEndpoint {
        caFile = caFile == null ? "" : caFile;
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        token = token == null ? "" : token;
    }

    /**
     * An endpoint with secrets read from {@code environment}.
     *
     * @throws IllegalArgumentException when {@code url} is no http(s) URL
     */
    public static PrometheusEndpoint of(String url, String caFile, String user, Map<String, String> environment) {
        return new PrometheusEndpoint(
                parseUrl(url),
                caFile,
                user,
                environment.getOrDefault(PASSWORD_VARIABLE, ""),
                environment.getOrDefault(TOKEN_VARIABLE, ""));
    }

    /**
     * Checks a typed URL.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL; e.g. http://prometheus:9090", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "'" + url + "' is not an http(s) URL of a Prometheus server; e.g. http://prometheus:9090");
        }
        return uri;
    }

    /** The URL of an API path such as {@code api/v1/query}, below any path prefix of {@link #url}. */
    URI api(String path, String query) {
        String base = url.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + path + "?" + query);
    }

    @Override
    public String toString() {
        return url + (user.isEmpty() ? "" : " as " + user) + (token.isEmpty() ? "" : " with a token");
    }
}
