package dev.streamscope.app.jmx.jolokia;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.protocol.HttpContext;

/**
 * Counts the HTTP bodies a Jolokia client sends and receives (headers left out), for the poll's cost figures, and
 * remembers what the last answer said it was, so that a proxy's HTML page gets its own message.
 */
final class MeteredHttp {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile String lastContentType = "";
    private volatile int lastStatus;

    long bytesSent() {
        return sent.get();
    }

    long bytesReceived() {
        return received.get();
    }

    /** The {@code Content-Type} of the latest answer, or {@code ""} when it named none. */
    String lastContentType() {
        return lastContentType;
    }

    int lastStatus() {
        return lastStatus;
    }

    void request(HttpRequest request, HttpContext context) {
        if (request instanceof HttpEntityEnclosingRequest withBody && withBody.getEntity() != null) {
            long length = withBody.getEntity().getContentLength();
            if (length > 0) {
                sent.addAndGet(length);
            }
        }
    }

    void response(HttpResponse response, HttpContext context) {
        lastStatus = response.getStatusLine().getStatusCode();
        HttpEntity entity = response.getEntity();
        Header type = entity == null ? null : entity.getContentType();
        lastContentType = type == null ? "" : type.getValue();
        if (entity != null) {
            response.setEntity(new HttpEntityWrapper(entity) {
                @Override
                public InputStream getContent() throws IOException {
                    return new Counting(super.getContent());
                }
            });
        }
    }

    private final class Counting extends FilterInputStream {

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                received.incrementAndGet();
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                received.addAndGet(count);
            }
            return count;
        }
    }
}
