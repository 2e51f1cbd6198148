package dev.streamscope.app.jmx.jolokia;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.base.TrustedCertificates;
import dev.streamscope.app.jmx.transport.WireMeter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.message.BasicHeader;
import org.apache.http.ssl.SSLContexts;
import org.jolokia.client.J4pClient;
import org.jolokia.client.exception.J4pBulkRemoteException;
import org.jolokia.client.exception.J4pException;
import org.jolokia.client.exception.J4pRemoteException;
import org.jolokia.client.request.J4pQueryParameter;
import org.jolokia.client.request.J4pRequest;
import org.jolokia.client.request.J4pResponse;

/**
 * One Jolokia agent over HTTP: Jolokia's own client on an HTTP client of ours, which meters the bytes, sends the
 * credentials with the first request (no 401 round trip) and trusts the given CA. Each {@link #bulk} is one HTTP round
 * trip under a deadline; every failure of the whole request becomes a {@link TargetProblem} from {@link
 * JolokiaFailures}, while each request's own error (a missing or forbidden MBean) comes back as its {@link
 * JolokiaReply}.
 */
public final class JolokiaClient implements WireMeter, AutoCloseable {

    /**
     * The socket's own read timeout, a safety net only: each call's deadline is enforced by {@link CallDeadline}, which
     * abandons a stuck call; this ends the abandoned thread eventually.
     */
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Errors on single attributes (one a JVM lacks) come back as text instead of failing the whole read; the request
     * is not echoed back, which halves the bytes of a small read.
     */
    private static final Map<J4pQueryParameter, String> OPTIONS = new EnumMap<>(Map.of(
            J4pQueryParameter.IGNORE_ERRORS, "true",
            J4pQueryParameter.INCLUDE_REQUEST, "false",
            J4pQueryParameter.INCLUDE_STACKTRACE, "false"));

    private final JolokiaTarget target;
    private final CloseableHttpClient http;
    private final J4pClient client;
    private final MeteredHttp meter;

    private JolokiaClient(JolokiaTarget target, CloseableHttpClient http, MeteredHttp meter) {
        this.target = target;
        this.http = http;
        this.meter = meter;
        this.client = new J4pClient(target.url(), http);
    }

    /**
     * Prepares the client; sends nothing yet.
     *
     * @throws TargetProblem {@link TargetProblem.Kind#UNREADABLE_FILE} when the CA file cannot be read
     */
    public static JolokiaClient create(JolokiaTarget target, Timeouts timeouts) throws TargetProblem {
        MeteredHttp meter = new MeteredHttp();
        SSLConnectionSocketFactory tls;
        try {
            tls = new SSLConnectionSocketFactory(
                    target.caFile() == null
                            ? SSLContexts.createSystemDefault()
                            : TrustedCertificates.sslContext(target.caFile()),
                    new DefaultHostnameVerifier());
        } catch (IOException | GeneralSecurityException unreadable) {
            throw new TargetProblem(
                    TargetProblem.Kind.UNREADABLE_FILE,
                    "Cannot read the CA file " + target.caFile() + " (" + unreadable.getMessage()
                            + "); give --jolokia-ca a PEM file of the CA certificates that signed the agent's.",
                    unreadable);
        }
        PoolingHttpClientConnectionManager connections =
                new PoolingHttpClientConnectionManager(RegistryBuilder.<ConnectionSocketFactory>create()
                        .register("http", PlainConnectionSocketFactory.INSTANCE)
                        .register("https", tls)
                        .build());
        connections.setDefaultSocketConfig(SocketConfig.custom()
                .setSoTimeout((int) SOCKET_TIMEOUT.toMillis())
                .setTcpNoDelay(true)
                .build());
        // the poller, a histogram and a thread dump may each have one request in flight
        connections.setDefaultMaxPerRoute(4);
        List<BasicHeader> headers = new ArrayList<>();
        if (target.hasCredentials()) {
            char[] password = target.password();
            String pair = target.user() + ":" + (password == null ? "" : new String(password));
            headers.add(new BasicHeader(
                    HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultHeaders(headers)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout((int) timeouts.connect().toMillis())
                        .setConnectionRequestTimeout((int) timeouts.connect().toMillis())
                        .setSocketTimeout((int) SOCKET_TIMEOUT.toMillis())
                        .setNormalizeUri(false)
                        .build())
                .addInterceptorLast(meter::request)
                .addInterceptorFirst(meter::response)
                .disableAutomaticRetries()
                .setUserAgent("StreamScope")
                .build();
        return new JolokiaClient(target, http, meter);
    }

    public JolokiaTarget target() {
        return target;
    }

    @Override
    public long bytesSent() {
        return meter.bytesSent();
    }

    @Override
    public long bytesReceived() {
        return meter.bytesReceived();
    }

    /**
     * Sends {@code requests} as one bulk request, one HTTP round trip, on {@code io} and waits at most {@code deadline}.
     *
     * @param what what the requests do, for messages ("reading heap, pools, threads and collectors")
     * @return one reply per request, in order
     * @throws TargetProblem when the round trip failed as a whole: see {@link JolokiaFailures}
     */
    public List<JolokiaReply> bulk(String what, List<J4pRequest> requests, CallDeadline io, Duration deadline)
            throws TargetProblem {
        try {
            return io.run(deadline, () -> execute(requests));
        } catch (TimeoutException timeout) {
            throw JolokiaFailures.timeout(target, what, deadline);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TargetProblem(TargetProblem.Kind.CANCELLED, "Cancelled while " + what);
        } catch (ExecutionException failed) {
            throw JolokiaFailures.classify(
                    failed.getCause(), target, what, meter.lastStatus(), meter.lastContentType());
        }
    }

    private List<JolokiaReply> execute(List<J4pRequest> requests) throws J4pException {
        List<JolokiaReply> replies = new ArrayList<>(requests.size());
        try {
            List<J4pResponse<J4pRequest>> responses = client.execute(requests, OPTIONS);
            for (J4pResponse<J4pRequest> response : responses) {
                replies.add(JolokiaReply.of(response.getValue()));
            }
        } catch (J4pBulkRemoteException partly) {
            for (Object result : partly.getResults()) {
                if (result instanceof J4pRemoteException error) {
                    replies.add(new JolokiaReply(null, error.getStatus(), error.getErrorType(), error.getMessage()));
                } else {
                    replies.add(JolokiaReply.of(((J4pResponse<?>) result).getValue()));
                }
            }
        }
        return replies;
    }

    /** Closes the HTTP client's connections, which also ends a request in flight. */
    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }
}
