package dev.streamscope.bridge;

import io.grpc.MethodDescriptor.MethodType;
import javax.management.ConstructorParameters;

/**
 * One open stream as the MXBean publishes it: a snapshot taken when the row was read.
 *
 * <p>The MXBean framework maps it to a {@code CompositeData} whose item names are the property names below, with
 * enums as their names (String), so a reader needs no bridge class. A plain class rather than a record, because Java
 * 17's MXBean mapping does not know records.
 */
public final class StreamRow {
    private final long id;
    private final StreamSide side;
    private final String method;
    private final MethodType type;
    private final String authority;
    private final String peer;
    private final long startEpochMillis;
    private final long ageMillis;
    private final long messagesSent;
    private final long messagesReceived;
    private final boolean halfClosedLocal;
    private final boolean halfClosedRemote;
    private final long lastActivityEpochMillis;

    @ConstructorParameters({
        "id",
        "side",
        "method",
        "type",
        "authority",
        "peer",
        "startEpochMillis",
        "ageMillis",
        "messagesSent",
        "messagesReceived",
        "halfClosedLocal",
        "halfClosedRemote",
        "lastActivityEpochMillis"
    })
    public StreamRow(
            long id,
            StreamSide side,
            String method,
            MethodType type,
            String authority,
            String peer,
            long startEpochMillis,
            long ageMillis,
            long messagesSent,
            long messagesReceived,
            boolean halfClosedLocal,
            boolean halfClosedRemote,
            long lastActivityEpochMillis) {
        this.id = id;
        this.side = side;
        this.method = method;
        this.type = type;
        this.authority = authority;
        this.peer = peer;
        this.startEpochMillis = startEpochMillis;
        this.ageMillis = ageMillis;
        this.messagesSent = messagesSent;
        this.messagesReceived = messagesReceived;
        this.halfClosedLocal = halfClosedLocal;
        this.halfClosedRemote = halfClosedRemote;
        this.lastActivityEpochMillis = lastActivityEpochMillis;
    }

    /** Unique among the streams one bridge has tracked, increasing in open order. */
    public long getId() {
        return id;
    }

    public StreamSide getSide() {
        return side;
    }

    /** The full method name, {@code package.Service/Method}. */
    public String getMethod() {
        return method;
    }

    public MethodType getType() {
        return type;
    }

    /** The authority the call was made to; may be null. */
    public String getAuthority() {
        return authority;
    }

    /** The remote address as text; null when the transport did not tell (yet). */
    public String getPeer() {
        return peer;
    }

    public long getStartEpochMillis() {
        return startEpochMillis;
    }

    /** Age when the row was read. */
    public long getAgeMillis() {
        return ageMillis;
    }

    public long getMessagesSent() {
        return messagesSent;
    }

    public long getMessagesReceived() {
        return messagesReceived;
    }

    /** This side has said it sends no more (client: halfClose; server: close). */
    public boolean isHalfClosedLocal() {
        return halfClosedLocal;
    }

    /** The other side has said it sends no more. */
    public boolean isHalfClosedRemote() {
        return halfClosedRemote;
    }

    /** The start, or the latest message or half-close seen on the stream. */
    public long getLastActivityEpochMillis() {
        return lastActivityEpochMillis;
    }

    @Override
    public String toString() {
        return "StreamRow[" + id + " " + side + " " + method + " age=" + ageMillis + "ms]";
    }
}
