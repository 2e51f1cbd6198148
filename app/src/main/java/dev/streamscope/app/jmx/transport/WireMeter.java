package dev.streamscope.app.jmx.transport;

/** Running totals of bytes on the wire to one target, read before and after a tick to cost it. */
public interface WireMeter {

    WireMeter NONE = new WireMeter() {
        @Override
        public long bytesSent() {
            return 0;
        }

        @Override
        public long bytesReceived() {
            return 0;
        }
    };

    long bytesSent();

    long bytesReceived();
}
