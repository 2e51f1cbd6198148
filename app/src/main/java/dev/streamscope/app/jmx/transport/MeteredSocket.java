package dev.streamscope.app.jmx.transport;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain TCP socket whose streams count bytes. Bytes go to the meter of the calling thread when one is set (RMI client
 * I/O happens on the thread that makes the call), else to the meter that was current when the socket was opened: RMI
 * pools connections per endpoint, so a socket opened for a target keeps serving that target, also on RMI's own
 * threads (notification fetching, distributed GC).
 */
final class MeteredSocket extends Socket {

    private final WireCounter opener;
    private InputStream input;
    private OutputStream output;

    MeteredSocket(WireCounter opener) {
        this.opener = opener;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = new CountingInput(super.getInputStream());
        }
        return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = new CountingOutput(super.getOutputStream());
        }
        return output;
    }

    private WireCounter meter() {
        WireCounter current = RmiClientSockets.currentMeter();
        return current != null ? current : opener;
    }

    private final class CountingInput extends FilterInputStream {

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = in.read();
            if (value >= 0) {
                received(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = in.read(buffer, offset, length);
            if (count > 0) {
                received(count);
            }
            return count;
        }

        @Override
        public long skip(long count) throws IOException {
            long skipped = in.skip(count);
            if (skipped > 0) {
                received(skipped);
            }
            return skipped;
        }

        private void received(long bytes) {
            WireCounter meter = meter();
            if (meter != null) {
                meter.addReceived(bytes);
            }
        }
    }

    private final class CountingOutput extends FilterOutputStream {

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int value) throws IOException {
            out.write(value);
            sent(1);
        }

        // FilterOutputStream would write byte by byte
        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            sent(length);
        }

        private void sent(long bytes) {
            WireCounter meter = meter();
            if (meter != null) {
                meter.addSent(bytes);
            }
        }
    }
}
