package dev.streamscope.app.channelz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ChannelzService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input against a real peer on 127.0.0.1, and the specific problem it must become. */
class ChannelzFailuresTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    private static final ChannelzWalkSettings QUICK =
            ChannelzWalkSettings.DEFAULT.withRefreshDeadline(Duration.ofSeconds(3));

    @TempDir
    Path temporary;

    @Test
    void httpServerIsNotGrpc() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        http.start();
        try {
            TargetProblem problem = refreshFails(ChannelzTarget.plaintext(
                    new ChannelzAddress("127.0.0.1", http.getAddress().getPort())));
            assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.NOT_GRPC);
            assertThat(problem).hasMessageContaining("not in gRPC");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void grpcServerWithoutChannelzSaysHowToRegisterIt() throws Exception {
        Server server = server(InsecureServerCredentials.create(), false);
        try {
            TargetProblem problem = refreshFails(ChannelzTarget.plaintext(address(server)));
            assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.NO_CHANNELZ);
            assertThat(problem)
                    .hasMessageContaining("does not expose channelz")
                    .hasMessageContaining("io.grpc.protobuf.services.ChannelzService.newInstance(100)");
        } finally {
            stop(server);
        }
    }

    @Test
    void tlsAgainstPlaintextServerSaysItSpeaksPlaintext() throws Exception {
        Server server = server(InsecureServerCredentials.create(), true);
        try {
            TargetProblem problem = refreshFails(ChannelzTarget.tls(
                    address(server), TestCertificates.server().certificate(), null));
            assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.SSL_MISMATCH);
            assertThat(problem).hasMessageContaining("speaks plaintext");
        } finally {
            stop(server);
        }
    }

    @Test
    void plaintextAgainstTlsServerSaysItNeedsTls() throws Exception {
        TestCertificates.Pem pem = TestCertificates.server();
        Server server = server(
                TlsServerCredentials.create(
                        pem.certificate().toFile(), pem.key().toFile()),
                true);
        try {
            TargetProblem problem = refreshFails(ChannelzTarget.plaintext(address(server)));
            assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.SSL_REQUIRED);
            assertThat(problem).hasMessageContaining("TLS");
        } finally {
            stop(server);
        }
    }

    @Test
    void missingCaFileIsUnreadable() {
        ChannelzTarget target =
                ChannelzTarget.tls(new ChannelzAddress("127.0.0.1", 1), temporary.resolve("no-such-ca.pem"), null);
        assertThatThrownBy(() -> ChannelzClient.open(target, TIMEOUTS))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.kind())
                                .as(problem.getMessage())
                                .isEqualTo(Kind.UNREADABLE_FILE))
                .hasMessageContaining("no-such-ca.pem")
                .hasMessageContaining("does not exist");
    }

    @Test
    void caFileThatIsNotPemIsUnreadable() throws Exception {
        Path garbage = Files.writeString(temporary.resolve("garbage.pem"), "this is not a certificate\n");
        ChannelzTarget target = ChannelzTarget.tls(new ChannelzAddress("127.0.0.1", 1), garbage, null);
        assertThatThrownBy(() -> ChannelzClient.open(target, TIMEOUTS))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.kind())
                                .as(problem.getMessage())
                                .isEqualTo(Kind.UNREADABLE_FILE));
    }

    @Test
    void certificateForAnotherHostIsNamedAsSuch() throws Exception {
        TestCertificates.Pem wrongHost = TestCertificates.wrongHost();
        Server server = server(
                TlsServerCredentials.create(
                        wrongHost.certificate().toFile(), wrongHost.key().toFile()),
                true);
        try {
            TargetProblem problem = refreshFails(ChannelzTarget.tls(address(server), wrongHost.certificate(), null));
            assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.CERTIFICATE_HOST_MISMATCH);
            assertThat(problem).hasMessageContaining("not for 127.0.0.1").hasMessageContaining("server-name override");
        } finally {
            stop(server);
        }
    }

    @Test
    void serverNameOverrideAcceptsTheCertificatesOwnName() throws Exception {
        TestCertificates.Pem wrongHost = TestCertificates.wrongHost();
        Server server = server(
                TlsServerCredentials.create(
                        wrongHost.certificate().toFile(), wrongHost.key().toFile()),
                true);
        try (ChannelzClient client = ChannelzClient.open(
                ChannelzTarget.tls(address(server), wrongHost.certificate(), "elsewhere.invalid"), TIMEOUTS)) {
            assertThat(new ChannelzWalker(client, QUICK).refresh().servers()).isNotEmpty();
        } finally {
            stop(server);
        }
    }

    @Test
    void selfSignedCertificateWithoutItsCaIsUntrusted() throws Exception {
        TestCertificates.Pem pem = TestCertificates.server();
        Server server = server(
                TlsServerCredentials.create(
                        pem.certificate().toFile(), pem.key().toFile()),
                true);
        try {
            TargetProblem problem = refreshFails(ChannelzTarget.tls(address(server), null, null));
            assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
        } finally {
            stop(server);
        }
    }

    @Test
    void mutualTlsWalkShowsCipherAndCertificateSubjects() throws Exception {
        TestCertificates.Pem serverPem = TestCertificates.server();
        TestCertificates.Pem clientPem = TestCertificates.client();
        ServerCredentials credentials = TlsServerCredentials.newBuilder()
                .keyManager(serverPem.certificate().toFile(), serverPem.key().toFile())
                .trustManager(clientPem.certificate().toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build();
        Server server = server(credentials, true);
        ChannelzTarget target = ChannelzTarget.mutualTls(
                address(server), serverPem.certificate(), null, clientPem.certificate(), clientPem.key());
        try (ChannelzClient client = ChannelzClient.open(target, TIMEOUTS)) {
            ChannelzSnapshot snapshot = new ChannelzWalker(client, QUICK).refresh();
            List<SocketNode> tlsSockets = new ArrayList<>();
            snapshot.servers().forEach(each -> tlsSockets.addAll(each.serverSockets()));
            assertThat(tlsSockets).anySatisfy(socket -> {
                assertThat(socket.security().tls()).isTrue();
                assertThat(socket.security().cipherSuite()).isNotBlank();
                assertThat(socket.security().localCertificateSubject()).contains("streamscope-test-server");
                assertThat(socket.security().remoteCertificateSubject()).contains("streamscope-test-client");
            });
        } finally {
            stop(server);
        }
    }

    @Test
    void closedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        TargetProblem problem = refreshFails(ChannelzTarget.plaintext(new ChannelzAddress("127.0.0.1", port)));
        assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(Kind.CONNECTION_REFUSED);
    }

    @Test
    void listenerThatNeverAnswersTimesOutWithinTheDeadline() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ChannelzTarget target = ChannelzTarget.plaintext(new ChannelzAddress("127.0.0.1", silent.getLocalPort()));
            try (ChannelzClient client =
                    ChannelzClient.open(target, new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
                long start = System.nanoTime();
                assertThatThrownBy(new ChannelzWalker(client, QUICK)::refresh)
                        .isInstanceOfSatisfying(
                                TargetProblem.class,
                                problem -> assertThat(problem.kind())
                                        .as(problem.getMessage())
                                        .isEqualTo(Kind.TIMEOUT));
                // not a speed assertion: the call deadline, not a socket timeout or forever, ended the wait
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK.refreshDeadline());
            }
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static TargetProblem refreshFails(ChannelzTarget target) throws Exception {
        try (ChannelzClient client = ChannelzClient.open(target, TIMEOUTS)) {
            ChannelzWalker walker = new ChannelzWalker(client, QUICK);
            try {
                walker.refresh();
            } catch (TargetProblem problem) {
                return problem;
            }
            throw new AssertionError("the refresh of " + target + " should have failed");
        }
    }

    private static Server server(ServerCredentials credentials, boolean withChannelz) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials);
        if (withChannelz) {
            builder.addService(ChannelzService.newInstance(100));
        } else {
            // a real gRPC server with some other service, as most production servers are
            builder.addService(new io.grpc.protobuf.services.HealthStatusManager().getHealthService());
        }
        return builder.build().start();
    }

    private static ChannelzAddress address(Server server) {
        return new ChannelzAddress("127.0.0.1", server.getPort());
    }

    private static void stop(Server server) throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
