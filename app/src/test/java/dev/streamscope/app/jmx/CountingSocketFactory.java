package dev.streamscope.app.jmx;

import dev.streamscope.app.jmx.transport.WireMeter;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import java.util.concurrent.atomic.AtomicLong;

/** Every RMI socket of this JVM, counted: what a probe's JMX calls cost on the wire. */
public final class CountingSocketFactory extends RMISocketFactory implements WireMeter {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port) {
            @Override
            public OutputStream getOutputStream() throws IOException {
                return new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int oneByte) throws IOException {
                        sent.incrementAndGet();
                        out.write(oneByte);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        sent.addAndGet(length);
                        out.write(bytes, offset, length);
                    }
                };
            }

            @Override
            public InputStream getInputStream() throws IOException {
                return new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int oneByte = in.read();
                        if (oneByte >= 0) {
                            received.incrementAndGet();
                        }
                        return oneByte;
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) throws IOException {
                        int count = in.read(bytes, offset, length);
                        if (count > 0) {
                            received.addAndGet(count);
                        }
                        return count;
                    }
                };
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port);
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }
}
