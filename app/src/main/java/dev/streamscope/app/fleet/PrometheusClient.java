package dev.streamscope.app.fleet;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.TrustedCertificates;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Prometheus's HTTP API ({@code /api/v1/query} and {@code /api/v1/query_range}) over the JDK's HTTP client. Every
 * request has a connect and a whole-answer deadline and a size cap; every failure becomes a {@link PrometheusProblem}
 * that says what to do. Queries may run at once: each returns a future.
 */
public final class PrometheusClient {

    /** Answers above this are refused: 5,000 instances' sparklines take about 10 MiB of JSON. */
    static final long MAX_ANSWER_BYTES = 64L << 20;

    private final PrometheusEndpoint endpoint;
    private final Duration requestTimeout;
    private final HttpClient http;

    /**
     * @throws PrometheusProblem when the CA file cannot be read
     */
    public PrometheusClient(PrometheusEndpoint endpoint, Duration connectTimeout, Duration requestTimeout)
            throws PrometheusProblem {
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1);
        if (!endpoint.caFile().isEmpty()) {
            builder.sslContext(trusting(Path.of(endpoint.caFile())));
        }
        this.http = builder.build();
    }

    public PrometheusEndpoint endpoint() {
        return endpoint;
    }

    /** An instant query evaluated now. */
    public CompletableFuture<List<PrometheusSeries>> instant(String promql) {
        String query = "query=" + encode(promql) + "&timeout=" + seconds(requestTimeout);
        return call("api/v1/query", query, promql, PrometheusMapper.Grid.INSTANT);
    }

    /** A range query on the grid {@code start, start + step, …, end}. */
    public CompletableFuture<List<PrometheusSeries>> range(String promql, Instant start, Instant end, Duration step) {
        String query = "query=" + encode(promql) + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step="
                + step.toMillis() / 1000.0 + "&timeout=" + seconds(requestTimeout);
        int steps = (int) (Duration.between(start, end).toMillis() / step.toMillis()) + 1;
        return call(
                "api/v1/query_range",
                query,
                promql,
                new PrometheusMapper.Grid(start.toEpochMilli(), step.toMillis(), steps));
    }

    /**
     * Waits for a query started by this client and unwraps its failure.
     *
     * @throws PrometheusProblem what went wrong, said for a user
     */
    public <T> T await(CompletableFuture<T> answer) throws PrometheusProblem {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw problem(e.getCause());
        }
    }

    private CompletableFuture<List<PrometheusSeries>> call(
            String path, String query, String promql, PrometheusMapper.Grid grid) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.api(path, query))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET();
        if (!endpoint.token().isEmpty()) {
            request.header("Authorization", "Bearer " + endpoint.token());
        } else if (!endpoint.user().isEmpty()) {
            String pair = endpoint.user() + ":" + endpoint.password();
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        // the request timeout ends at the headers; this one also covers a body that trickles in
        return http.sendAsync(request.build(), info -> LimitedBody.atMost(MAX_ANSWER_BYTES))
                .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> series(response, promql, grid));
    }

    private List<PrometheusSeries> series(HttpResponse<byte[]> response, String promql, PrometheusMapper.Grid grid) {
        int status = response.statusCode();
        URI url = endpoint.url();
        if (status == 401 || status == 403) {
            throw new CompletionException(new PrometheusProblem(
                    PrometheusProblem.Kind.UNAUTHORIZED,
                    "Prometheus at " + url + " refused the request (HTTP " + status + "): set "
                            + PrometheusEndpoint.TOKEN_VARIABLE + " to a bearer token, or give --prometheus-user NAME"
                            + " with " + PrometheusEndpoint.PASSWORD_VARIABLE));
        }
        String type = response.headers().firstValue("Content-Type").orElse("no content type");
        PrometheusMapper.Answer answer = type.contains("json") ? PrometheusMapper.answer(response.body(), grid) : null;
        if (answer == null || answer.status() == null) {
            String what = type.contains("html") ? "an HTML page" : "HTTP " + status + " (" + type + ")";
            throw new CompletionException(new PrometheusProblem(
                    PrometheusProblem.Kind.NOT_PROMETHEUS,
                    url + " is not Prometheus's HTTP API: /" + "api/v1 answered with " + what
                            + ". Give the base URL of the Prometheus server, e.g. http://prometheus:9090"));
        }
        if (!"success".equals(answer.status())) {
            throw new CompletionException(new PrometheusProblem(
                    PrometheusProblem.Kind.QUERY,
                    "Prometheus rejected the query " + promql + ": "
                            + orElse(answer.error(), "no reason given")
                            + " (" + orElse(answer.errorType(), "error")
                            + "); check the metric names in the"
                            + " Fleet settings"));
        }
        return answer.series();
    }

    private static String orElse(String text, String fallback) {
        return text == null ? fallback : text;
    }

    private PrometheusProblem problem(Throwable cause) {
        URI url = endpoint.url();
        String deadline = DurationText.format(requestTimeout);
        if (cause instanceof PrometheusProblem problem) {
            return problem;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return unreachable(
                    "Prometheus at " + url + " did not accept a connection within the deadline; is the"
                            + " address right and reachable from here?",
                    cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return unreachable(
                    "Prometheus at " + url + " did not answer within " + deadline + "; is it overloaded,"
                            + " or is this the address of something else that accepts connections but never answers?",
                    cause);
        }
        if (cause instanceof ConnectException) {
            return unreachable(
                    "Nothing listens at " + url + "; is Prometheus running there (its default port is" + " 9090)?",
                    cause);
        }
        if (cause instanceof UnknownHostException || cause.getCause() instanceof UnknownHostException) {
            return unreachable("Unknown host " + url.getHost() + "; check the Prometheus URL", cause);
        }
        if (cause instanceof SSLException) {
            return unreachable(
                    "TLS with " + url + " failed (" + cause.getMessage() + "); give its CA with"
                            + " --prometheus-ca FILE, or use http:// if it does not speak TLS",
                    cause);
        }
        return unreachable("Prometheus at " + url + " could not be read: " + cause, cause);
    }

    private static PrometheusProblem unreachable(String message, Throwable cause) {
        return new PrometheusProblem(PrometheusProblem.Kind.UNREACHABLE, message, cause);
    }

    private static SSLContext trusting(Path caFile) throws PrometheusProblem {
        try {
            return TrustedCertificates.sslContext(caFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new PrometheusProblem(
                    PrometheusProblem.Kind.UNREACHABLE,
                    "Cannot read the CA file " + caFile + " (" + e.getMessage() + "); give a PEM file of CA"
                            + " certificates",
                    e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant instant) {
        return Double.toString(instant.toEpochMilli() / 1000.0);
    }

    private static String seconds(Duration duration) {
        return Double.toString(duration.toMillis() / 1000.0);
    }
}
