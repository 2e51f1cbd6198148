package dev.streamscope.app.recording;

import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.SocketStreamAges;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One socket's channelz bounds with its climb, ranked once for the Streams tab and overdue-streams.csv alike.
 *
 * @param growth the socket's steady climb of open streams, or null when it does not grow
 */
public record SocketEvidence(SocketStreamAges socket, GrowingConnection growth) {

    /** Strongest evidence first: streams proven old, then the fastest climb, then the most open streams. */
    public static final Comparator<SocketEvidence> STRONGEST_FIRST = Comparator.<SocketEvidence>comparingLong(
                    evidence -> evidence.socket().olderAtLeast())
            .thenComparingDouble(evidence ->
                    evidence.growth() == null ? -1 : evidence.growth().perMinute())
            .thenComparingLong(evidence -> evidence.socket().open())
            .reversed();

    /** Every socket of {@code ages} with its climb from {@code growing} (matched by socket id), strongest first. */
    public static List<SocketEvidence> ranked(ChannelzStreamAges ages, List<GrowingConnection> growing) {
        Map<Long, GrowingConnection> growth = growing.stream()
                .collect(Collectors.toMap(GrowingConnection::socketId, Function.identity(), (first, second) -> first));
        return ages.sockets().stream()
                .map(socket -> new SocketEvidence(socket, growth.get(socket.socketId())))
                .sorted(STRONGEST_FIRST)
                .toList();
    }
}
