package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sockets under every JMX connection, against a real echo server on 127.0.0.1. */
class RmiClientSocketsTest {

    private ServerSocket server;
    private Thread echo;

    @BeforeEach
    void startEchoServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        echo = new Thread(this::echoAll, "echo");
        echo.setDaemon(true);
        echo.start();
    }

    @AfterEach
    void stopEchoServer() throws IOException {
        server.close();
    }

    @Test
    void installMakesTheTimedFactoryRmisProcessWideFactory() {
        RmiClientSockets.install();

        assertThat(RMISocketFactory.getSocketFactory()).isSameAs(RmiClientSockets.registryFactory(false));
    }

    @Test
    void socketsCarryTheReadTimeoutThatFreesStuckCalls() throws IOException {
        try (Socket socket = RmiClientSockets.registryFactory(false).createSocket("127.0.0.1", server.getLocalPort())) {
            assertThat(socket.getSoTimeout()).isEqualTo((int) RmiClientSockets.READ_TIMEOUT.toMillis());
        }
        assertThat(RmiClientSockets.NOTIFICATION_FETCH_TIMEOUT).isLessThan(RmiClientSockets.READ_TIMEOUT);
    }

    @Test
    void bytesCountOnTheCallingThreadsMeter() throws Exception {
        WireCounter opener = new WireCounter();
        WireCounter caller = new WireCounter();
        try (Socket socket = RmiClientSockets.metered(opener, () -> RmiClientSockets.connect("127.0.0.1", port()))) {

            RmiClientSockets.metered(caller, () -> exchange(socket, 100));

            assertThat(caller.bytesSent()).isEqualTo(100);
            assertThat(caller.bytesReceived()).isEqualTo(100);
            assertThat(opener.bytesSent()).isZero();
            assertThat(opener.bytesReceived()).isZero();
        }
    }

    @Test
    void bytesOnThreadsWithoutAMeterCountOnTheMeterThatOpenedTheSocket() throws Exception {
        WireCounter opener = new WireCounter();
        try (Socket socket = RmiClientSockets.metered(opener, () -> RmiClientSockets.connect("127.0.0.1", port()))) {

            exchange(socket, 42);

            assertThat(opener.bytesSent()).isEqualTo(42);
            assertThat(opener.bytesReceived()).isEqualTo(42);
        }
    }

    private int port() {
        return server.getLocalPort();
    }

    private static Void exchange(Socket socket, int bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(new byte[bytes], 0, bytes);
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(in.readNBytes(bytes)).hasSize(bytes);
        return null;
    }

    private void echoAll() {
        try {
            while (true) {
                Socket accepted = server.accept();
                Thread copier = new Thread(() -> copy(accepted), "echo-copy");
                copier.setDaemon(true);
                copier.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private static void copy(Socket socket) {
        try (socket) {
            socket.getInputStream().transferTo(socket.getOutputStream());
        } catch (IOException gone) {
            // the client closed
        }
    }
}
