package dev.streamscope.app.capture;

import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds on the streams older than a lifetime, from channelz socket counters alone (DESIGN.md, "Stream age when there
 * is no bridge"). For a socket at poll time t, with t0 the latest earlier poll at or before t − L:
 *
 * <ul>
 *   <li>at least max(0, open(t0) − ended(t0, t]) of its open streams are older than L;
 *   <li>all of them are when its last stream was created at or before t − L;
 *   <li>at most open(t) are.
 * </ul>
 *
 * Each socket keeps the polls back to its t0 and no further; sockets gone from the latest snapshot are forgotten, so
 * memory is bounded by the live sockets times lifetime / interval (capped per socket).
 */
final class ChannelzOverdueBounds implements StreamsSource {

    /** A day of one-second polls; a longer lifetime at a short interval keeps the most recent polls only. */
    private static final int MAX_POLLS_PER_SOCKET = 86_400;

    private static final List<String> HEADER = List.of(
            "side",
            "socketId",
            "local",
            "remote",
            "openStreams (count)",
            "overdueAtLeast (count)",
            "overdueAtMost (count)",
            "lastStreamCreated (ISO-8601)",
            "lifetimeMillis (ms)");

    private record Poll(long epochMillis, long open, long ended) {}

    private final long lifetimeMillis;
    private final List<String> notes;
    private final Map<Long, ArrayDeque<Poll>> history = new HashMap<>();
    private StreamsReport latest;

    ChannelzOverdueBounds(Duration lifetime, List<String> notes) {
        this.lifetimeMillis = lifetime.toMillis();
        this.notes = List.copyOf(notes);
        List<String> errors = new ArrayList<>(notes);
        errors.add("streams: no channelz snapshot was taken");
        this.latest = new StreamsReport(
                new StreamsSummary(null, lifetimeMillis, null, null, null, List.of()),
                new OverdueTable(HEADER, List.of()),
                errors);
    }

    @Override
    public void onChannelz(ChannelzSnapshot snapshot) {
        long now = snapshot.takenAt().toEpochMilli();
        long cutoff = now - lifetimeMillis;
        List<SocketNode> sockets = new ArrayList<>();
        snapshot.topChannels().forEach(channel -> collect(channel, sockets));
        for (ServerNode server : snapshot.servers()) {
            sockets.addAll(server.serverSockets());
        }
        Set<Long> seen = new HashSet<>();
        long open = 0;
        long atLeast = 0;
        long atMost = 0;
        List<List<String>> rows = new ArrayList<>();
        for (SocketNode socket : sockets) {
            SocketData data = socket.data();
            if (data == null || !seen.add(socket.id())) {
                continue;
            }
            long socketOpen = data.openStreams();
            long ended = data.streamsSucceeded() + data.streamsFailed();
            long lower = lowerBound(socket, data, socketOpen, ended, now, cutoff);
            open += socketOpen;
            atLeast += lower;
            atMost += socketOpen;
            if (socketOpen > 0) {
                Instant lastCreated = lastStreamCreated(socket, data);
                rows.add(List.of(
                        socket.role() == SocketNode.Role.CLIENT ? "client" : "server",
                        Long.toString(socket.id()),
                        String.valueOf(socket.localAddress()),
                        String.valueOf(socket.remoteAddress()),
                        Long.toString(socketOpen),
                        Long.toString(lower),
                        Long.toString(socketOpen),
                        lastCreated == null ? "" : lastCreated.toString(),
                        Long.toString(lifetimeMillis)));
            }
        }
        history.keySet().retainAll(seen);
        latest = new StreamsReport(
                new StreamsSummary("channelz", lifetimeMillis, open, atLeast, atMost, List.of()),
                new OverdueTable(HEADER, rows),
                notes);
    }

    @Override
    public StreamsReport report() {
        return latest;
    }

    private long lowerBound(SocketNode socket, SocketData data, long open, long ended, long now, long cutoff) {
        ArrayDeque<Poll> polls = history.computeIfAbsent(socket.id(), id -> new ArrayDeque<>());
        // keep exactly one poll at or before the cutoff: the latest such, which is t0
        while (polls.size() >= 2 && secondOf(polls).epochMillis() <= cutoff) {
            polls.removeFirst();
        }
        long lower = 0;
        Poll first = polls.peekFirst();
        if (first != null && first.epochMillis() <= cutoff) {
            lower = Math.max(0, first.open() - (ended - first.ended()));
        }
        Instant lastCreated = lastStreamCreated(socket, data);
        if (lastCreated != null && lastCreated.toEpochMilli() <= cutoff) {
            lower = open;
        }
        polls.addLast(new Poll(now, open, ended));
        if (polls.size() > MAX_POLLS_PER_SOCKET) {
            polls.removeFirst();
        }
        return Math.min(lower, open);
    }

    private static Poll secondOf(ArrayDeque<Poll> polls) {
        var iterator = polls.iterator();
        iterator.next();
        return iterator.next();
    }

    /** Local for client sockets (this side starts streams), remote for server sockets. */
    private static Instant lastStreamCreated(SocketNode socket, SocketData data) {
        return socket.role() == SocketNode.Role.CLIENT ? data.lastLocalStreamCreated() : data.lastRemoteStreamCreated();
    }

    private static void collect(ChannelNode channel, List<SocketNode> sockets) {
        sockets.addAll(channel.sockets());
        channel.channels().forEach(child -> collect(child, sockets));
        channel.subchannels().forEach(child -> collect(child, sockets));
    }
}
