package dev.streamscope.app.streams;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bounds on stream ages for any channelz server (Java, Go, Node, C++), from per-socket counters alone. Fed every
 * snapshot in turn; not thread-safe (one session's poller owns it).
 *
 * <p>For a socket, open = started − succeeded − failed. For lifetime L at the poll whose walk started at t, with t0 the
 * latest earlier poll whose walk had <em>ended</em> by t − L (so every counter it read was read at least L before any
 * counter of this poll):
 *
 * <ul>
 *   <li>at least max(0, open(t0) − ended(t0, t]) open streams are older than L, ended being the growth of succeeded +
 *       failed: the streams open at t0 cannot all have ended, and each of those left is at least L old;
 *   <li>if the socket's last stream was created at or before t − L (local timestamp for client sockets, remote for
 *       server sockets), every open stream is older than L; this compares the target's clock with ours, so it assumes
 *       they agree to well within L;
 *   <li>at most min open(p) over the polls p whose walk started after t − L are, and at most open(t): a stream older
 *       than L at t started before any read of such a poll and is still open at t, so every one of them counted it.
 * </ul>
 *
 * <p>Channelz knows no methods, so per-method lifetimes cannot apply: the policy's default lifetime does, and the result
 * says so.
 *
 * <p>Memory is bounded: at most {@code maxSockets} sockets are tracked (the rest count in the open total and upper bound
 * only), sockets missing from a snapshot are forgotten, and each socket keeps at most {@link #HISTORY_PER_SOCKET}
 * polls, spaced at least L / {@link #HISTORY_SPACING_DIVISOR} apart; a kept poll also remembers the smallest open
 * count of the polls skipped after it, all as recent as itself, so the upper bound misses none of them. A coarser t0
 * is an earlier t0, which keeps the lower bound valid, only looser by at most that spacing.
 */
public final class ChannelzStreamBounds {

    public static final int DEFAULT_MAX_SOCKETS = 10_000;
    static final int HISTORY_PER_SOCKET = 24;
    static final int HISTORY_SPACING_DIVISOR = 16;

    private final int maxSockets;
    private final Map<Long, SocketHistory> histories = new HashMap<>();

    public ChannelzStreamBounds() {
        this(DEFAULT_MAX_SOCKETS);
    }

    public ChannelzStreamBounds(int maxSockets) {
        if (maxSockets < 1) {
            throw new IllegalArgumentException("maxSockets must be at least 1, was " + maxSockets);
        }
        this.maxSockets = maxSockets;
    }

    /** Sockets tracked right now (for tests and the memory budget). */
    public int trackedSockets() {
        return histories.size();
    }

    /** How many polls the history of socket {@code socketId} holds; 0 for an unknown socket. */
    int historyLength(long socketId) {
        SocketHistory history = histories.get(socketId);
        return history == null ? 0 : history.polls.size();
    }

    /** Takes the next snapshot, newer than the last, and bounds the ages of its sockets' open streams. */
    public ChannelzStreamAges update(ChannelzSnapshot snapshot, LifetimePolicy policy) {
        Duration lifetime = policy.defaultLifetime();
        long lifetimeMillis = lifetime.toMillis();
        long walkStarted = snapshot.takenAt().toEpochMilli();
        long walkEnded = walkStarted + Math.max(0, snapshot.walkDuration().toMillis());
        long oldEnough = walkStarted - lifetimeMillis;

        Map<Long, SocketHistory> seen = new HashMap<>();
        List<SocketStreamAges> results = new ArrayList<>();
        long open = 0;
        long atLeast = 0;
        long atMost = 0;
        int untracked = 0;
        for (SocketNode socket : ConnectionSockets.of(snapshot)) {
            SocketData data = socket.data();
            long socketOpen = data.openStreams();
            long ended = data.streamsSucceeded() + data.streamsFailed();
            open += socketOpen;
            if (seen.size() >= maxSockets) {
                atMost += socketOpen;
                untracked++;
                continue;
            }
            SocketHistory history = histories.computeIfAbsent(socket.id(), id -> new SocketHistory());
            seen.put(socket.id(), history);
            history.resetIfCountersWentBack(data.streamsStarted(), ended);
            long older = history.olderAtLeast(oldEnough, socketOpen, ended);
            Instant lastCreated = socket.role() == SocketNode.Role.CLIENT
                    ? data.lastLocalStreamCreated()
                    : data.lastRemoteStreamCreated();
            boolean allOld = socketOpen > 0 && lastCreated != null && lastCreated.toEpochMilli() <= oldEnough;
            if (allOld) {
                older = socketOpen;
            }
            // the timestamp rule trusts the target's clock; never let it cross the upper bound
            long upper = Math.max(older, history.olderAtMost(oldEnough, socketOpen));
            history.record(walkEnded, walkStarted, data.streamsStarted(), ended, lifetimeMillis);
            atLeast += older;
            atMost += upper;
            if (socketOpen > 0) {
                results.add(new SocketStreamAges(
                        socket.id(),
                        socket.role(),
                        socket.localAddress(),
                        socket.remoteAddress(),
                        socketOpen,
                        older,
                        upper,
                        allOld));
            }
        }
        // sockets that vanished (closed connections) are forgotten
        histories.keySet().retainAll(seen.keySet());
        results.sort(Comparator.comparingLong(SocketStreamAges::olderAtLeast)
                .thenComparingLong(SocketStreamAges::open)
                .reversed()
                .thenComparingLong(SocketStreamAges::socketId));
        return new ChannelzStreamAges(
                snapshot.takenAt(),
                lifetime,
                !policy.uniform(),
                results,
                open,
                new OverdueCount(atLeast, atMost),
                untracked);
    }

    /** One socket's recent polls, oldest first, bounded. */
    private static final class SocketHistory {
        private final ArrayDeque<Poll> polls = new ArrayDeque<>();

        /** Channelz counters only grow; if they went back, the id now names something else: start afresh. */
        void resetIfCountersWentBack(long started, long ended) {
            Poll last = polls.peekLast();
            if (last != null && (started < last.started() || ended < last.ended())) {
                polls.clear();
            }
        }

        /** The first bound, from the latest poll whose walk ended at or before {@code oldEnough}; 0 without one. */
        long olderAtLeast(long oldEnough, long openNow, long endedNow) {
            // drop polls that a later poll replaces as t0, now and for every later t
            Iterator<Poll> iterator = polls.iterator();
            Poll candidate = null;
            while (iterator.hasNext()) {
                Poll poll = iterator.next();
                if (poll.walkEnded() > oldEnough) {
                    break;
                }
                candidate = poll;
            }
            while (candidate != null && polls.peekFirst() != candidate) {
                polls.removeFirst();
            }
            if (candidate == null) {
                return 0;
            }
            long bound = candidate.open() - (endedNow - candidate.ended());
            return Math.max(0, Math.min(bound, openNow));
        }

        /** The upper bound: the smallest open count of the polls that started after {@code oldEnough}, and now's. */
        long olderAtMost(long oldEnough, long openNow) {
            long bound = openNow;
            for (Poll poll : polls) {
                if (poll.walkStarted() > oldEnough) {
                    bound = Math.min(bound, poll.minOpenSince());
                }
            }
            return bound;
        }

        void record(long walkEnded, long walkStarted, long started, long ended, long lifetimeMillis) {
            Poll last = polls.peekLast();
            long spacing = lifetimeMillis / HISTORY_SPACING_DIVISOR;
            long open = Math.max(0, started - ended);
            if (last != null && walkStarted - last.walkStarted() < spacing) {
                if (open < last.minOpenSince()) {
                    polls.removeLast();
                    polls.addLast(new Poll(last.walkStarted(), last.walkEnded(), last.started(), last.ended(), open));
                }
                return;
            }
            if (polls.size() == HISTORY_PER_SOCKET) {
                polls.removeFirst();
            }
            polls.addLast(new Poll(walkStarted, walkEnded, started, ended, open));
        }
    }

    /**
     * What one kept poll read of one socket.
     *
     * @param minOpenSince the smallest open count of this poll and of the polls skipped after it
     */
    private record Poll(long walkStarted, long walkEnded, long started, long ended, long minOpenSince) {
        long open() {
            return Math.max(0, started - ended);
        }
    }
}
