package dev.streamscope.app.streams;

import dev.streamscope.app.channelz.SocketNode;

/**
 * Bounds on how many of one socket's open streams are older than the lifetime, derived from channelz counters.
 *
 * @param socketId the channelz socket id
 * @param role {@link SocketNode.Role#CLIENT} or {@link SocketNode.Role#SERVER}
 * @param localAddress as channelz reported it, may be null
 * @param remoteAddress likewise
 * @param open streams open now: started - succeeded - failed
 * @param olderAtLeast at least this many of them are older than the lifetime
 * @param olderAtMost at most this many are: the smallest open count of the polls within the lifetime, and of now
 * @param allOld the socket created no stream within the lifetime, so every open stream is old
 */
public record SocketStreamAges(
        long socketId,
        SocketNode.Role role,
        String localAddress,
        String remoteAddress,
        long open,
        long olderAtLeast,
        long olderAtMost,
        boolean allOld) {}
