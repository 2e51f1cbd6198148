package dev.streamscope.app.lifetime;

/**
 * One open stream as a bridge published it, read at the time of its {@link BridgeStreams}. Every item is nullable:
 * a bridge of another version may lack it, and a reader must cope.
 *
 * @param id unique among one bridge's streams, increasing in open order
 * @param side {@code CLIENT} or {@code SERVER} (text, so that a newer bridge's values pass through)
 * @param method the full method name, {@code pkg.Service/Method}
 * @param type {@code UNARY}, {@code CLIENT_STREAMING}, {@code SERVER_STREAMING} or {@code BIDI_STREAMING}
 * @param authority the authority the call was made to
 * @param peer the remote address as text; null when the transport had not told yet
 * @param startEpochMillis when the stream opened, on the target's clock
 * @param ageMillis its age when the row was read
 * @param lastActivityEpochMillis the start, or the latest message or half-close, on the target's clock
 */
public record StreamRecord(
        Long id,
        String side,
        String method,
        String type,
        String authority,
        String peer,
        Long startEpochMillis,
        Long ageMillis,
        Long messagesSent,
        Long messagesReceived,
        Boolean halfClosedLocal,
        Boolean halfClosedRemote,
        Long lastActivityEpochMillis) {

    /**
     * The age {@code elapsedMillis} after the row was read, for a table whose ages tick between polls. Uses the age
     * the target measured rather than our clock minus its start time, so clock skew between the machines cancels.
     * Falls back to {@code nowEpochMillis - startEpochMillis} for a bridge without ages; null when it has neither.
     */
    public Long ageMillisAfter(long elapsedMillis, long nowEpochMillis) {
        if (ageMillis != null) {
            return ageMillis + Math.max(0, elapsedMillis);
        }
        return startEpochMillis == null ? null : Math.max(0, nowEpochMillis - startEpochMillis);
    }
}
