package dev.streamscope.app.jmx.jolokia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnections;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What StreamScope says when something other than the agent answers the URL: a proxy's HTML login page, a proxy that
 * forbids us, a gateway whose agent is gone. The proxy is faked with the JDK's HTTP server on 127.0.0.1, since what is
 * tested is only what such a server answers; the agent's own refusals (401, a forbidden operation) are tested against
 * the real agent in {@link JolokiaAccessTest}.
 */
class JolokiaFailuresTest {

    private HttpServer proxy;
    private final AtomicInteger status = new AtomicInteger();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();

    @BeforeEach
    void startProxy() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType.get());
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        proxy.start();
    }

    @AfterEach
    void stopProxy() {
        proxy.stop(0);
    }

    private void answer(int code, String type, String text) {
        status.set(code);
        contentType.set(type);
        body.set(text);
    }

    private TargetProblem connect() {
        String url = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/jolokia/";
        TargetProblem problem = catchThrowableOfType(
                () -> JvmConnections.open(JolokiaTarget.parse(url, null, null, null), Timeouts.DEFAULT)
                        .close(),
                TargetProblem.class);
        assertThat(problem).as("connecting through the fake proxy fails").isNotNull();
        return problem;
    }

    @Test
    void aProxysHtmlLoginPageIsNotTakenForTheAgent() {
        answer(200, "text/html; charset=utf-8", "<html><body><form>Sign in</form></body></html>");

        TargetProblem problem = connect();

        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.NOT_JMX);
        assertThat(problem.getMessage()).contains("text/html").contains("not the Jolokia agent's JSON");
    }

    @Test
    void aProxyThatForbidsUsSaysWhatToAllow() {
        answer(403, "text/html", "<html><body>Forbidden</body></html>");

        TargetProblem problem = connect();

        assertThat(problem.getMessage())
                .contains("HTTP 403")
                .contains("<remote>")
                .contains("jolokia-access.xml");
    }

    @Test
    void aGatewayWhoseAgentIsGoneSaysTheJvmMayBeDown() {
        answer(502, "text/html", "<html><body>Bad Gateway</body></html>");

        TargetProblem problem = connect();

        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST);
        assertThat(problem.getMessage()).contains("HTTP 502").contains("cannot reach the agent");
    }

    @Test
    void aWrongPathSaysWhereTheAgentLives() {
        answer(404, "text/html", "<html><body>Not Found</body></html>");

        TargetProblem problem = connect();

        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.NOT_JMX);
        assertThat(problem.getMessage()).contains("HTTP 404").contains("/jolokia/");
    }
}
