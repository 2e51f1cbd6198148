package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Targets that cannot be connected to, with no JVM behind them: each failure must be told apart. */
class JmxConnectorFailureTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @Test
    void nameThatDoesNotResolveIsUnknownHost() {
        // .invalid is reserved (RFC 2606): it never resolves; the resolver here answers at once
        TargetProblem problem = openFails("streamscope-target.invalid:9010", TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.UNKNOWN_HOST);
        assertThat(problem).hasMessageContaining("streamscope-target.invalid:9010");
    }

    @Test
    void closedPortIsConnectionRefusedAndNamesTheAgentProperty() throws IOException {
        int port = ChildJvm.freePort();

        TargetProblem problem = openFails("127.0.0.1:" + port, TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
        assertThat(problem)
                .hasMessageContaining("Nothing listens on 127.0.0.1:" + port)
                .hasMessageContaining("-Dcom.sun.management.jmxremote.port=" + port);
    }

    @Test
    void peerThatAcceptsAndNeverAnswersTimesOutAtTheConnectDeadline() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> acceptForever(silent, accepted), "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            Timeouts oneSecond = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
            long start = System.nanoTime();

            TargetProblem problem = openFails("127.0.0.1:" + silent.getLocalPort(), oneSecond);

            // the connect deadline is the contract; the margin absorbs a loaded CI machine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(problem.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(problem)
                    .hasMessageContaining("No answer from 127.0.0.1:" + silent.getLocalPort() + " within 1 s");
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void httpServerOnThePortIsNotJmx() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        try {
            String address = "127.0.0.1:" + http.getAddress().getPort();

            TargetProblem problem = openFails(address, TIMEOUTS);

            assertThat(problem.kind()).isEqualTo(Kind.NOT_JMX);
            assertThat(problem).hasMessageContaining(address).hasMessageContaining("HTTP");
        } finally {
            http.stop(0);
        }
    }

    static TargetProblem openFails(String address, Timeouts timeouts) {
        JmxTarget target;
        try {
            target = JmxAddress.parse(address, null, null, false);
        } catch (TargetProblem e) {
            throw new AssertionError(e);
        }
        return openFails(target, timeouts);
    }

    static TargetProblem openFails(JmxTarget target, Timeouts timeouts) {
        Throwable thrown = catchThrowable(
                () -> JmxConnector.open(target, timeouts).connector().close());
        assertThat(thrown).isInstanceOf(TargetProblem.class);
        return (TargetProblem) thrown;
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        try {
            while (true) {
                accepted.add(server.accept());
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
