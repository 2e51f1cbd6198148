package dev.streamscope.app.channelz;

import dev.streamscope.app.base.TargetProblem;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.channelz.v1.Channel;
import io.grpc.channelz.v1.ChannelRef;
import io.grpc.channelz.v1.GetServerSocketsResponse;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.SocketRef;
import io.grpc.channelz.v1.Subchannel;
import io.grpc.channelz.v1.SubchannelRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Walks a whole channelz tree into one {@link ChannelzSnapshot}: top channels with their nested channels, subchannels
 * and sockets; servers with their listen sockets and connections.
 *
 * <p>It assumes only what channelz v1 promises, not what grpc-java happens to do: ids are neither dense nor in creation
 * order, so each page starts after the largest id seen so far; a page ends the list only when {@code end} is true,
 * whatever {@code max_results} was asked; an entity listed a moment ago may be gone (NOT_FOUND) when fetched, which is
 * churn to count, not an error. Pages of one list are fetched one after another (each needs the previous one's ids),
 * while the channels, subchannels and sockets they name are fetched concurrently, at most
 * {@link ChannelzWalkSettings#maxInFlight()} RPCs at a time, and the whole walk is bounded by
 * {@link ChannelzWalkSettings#refreshDeadline()}.
 *
 * <p>Thread-safe: each refresh has its own state; refreshes may overlap, though a poller should not start one while
 * the previous one runs.
 */
public final class ChannelzWalker {

    /** How long {@link #refresh()} waits past the walk deadline for the last RPCs to report their own deadline. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final ChannelzClient client;
    private final ChannelzWalkSettings settings;

    public ChannelzWalker(ChannelzClient client, ChannelzWalkSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ChannelzWalkSettings settings() {
        return settings;
    }

    /**
     * Starts a full refresh without blocking. The future completes within the refresh deadline (plus a short grace)
     * with the snapshot, or exceptionally with a {@link TargetProblem} that says what went wrong. Cancelling it stops
     * the walk: no further RPCs are started.
     */
    public CompletableFuture<ChannelzSnapshot> refreshAsync() {
        Walk walk = new Walk(client, settings);
        CompletableFuture<ChannelzSnapshot> result = new CompletableFuture<>();
        walk.run()
                .orTimeout(settings.refreshDeadline().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((snapshot, failure) -> {
                    if (failure == null) {
                        result.complete(snapshot);
                    } else {
                        result.completeExceptionally(ChannelzFailures.classify(failure, client.target()));
                    }
                });
        result.whenComplete((snapshot, failure) -> {
            if (result.isCancelled()) {
                walk.stop();
            }
        });
        return result;
    }

    /**
     * Runs a full refresh and waits for it, at most the refresh deadline plus a short grace.
     *
     * @throws TargetProblem what went wrong, in words for the user
     * @throws InterruptedException when the calling thread was interrupted; the walk is stopped
     */
    public ChannelzSnapshot refresh() throws TargetProblem, InterruptedException {
        CompletableFuture<ChannelzSnapshot> future = refreshAsync();
        try {
            return future.get(
                    settings.refreshDeadline().plus(GRACE.multipliedBy(2)).toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw ChannelzFailures.classify(e.getCause(), client.target());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ChannelzFailures.classify(e, client.target());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** The state of one refresh. */
    private static final class Walk {

        private final ChannelzClient client;
        private final ChannelzWalkSettings settings;
        private final Deadline deadline;
        private final CompletableFuture<ChannelzSnapshot> result = new CompletableFuture<>();
        private final InFlightLimit limit;
        private final AtomicInteger entities = new AtomicInteger();
        private final AtomicInteger vanished = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();
        private final Instant takenAt = Instant.now();
        private final long startNanos = System.nanoTime();

        Walk(ChannelzClient client, ChannelzWalkSettings settings) {
            this.client = client;
            this.settings = settings;
            this.deadline = Deadline.after(settings.refreshDeadline().toNanos(), TimeUnit.NANOSECONDS);
            this.limit = new InFlightLimit(settings.maxInFlight(), result::isDone);
        }

        CompletableFuture<ChannelzSnapshot> run() {
            CompletableFuture<List<ChannelNode>> channels = topChannelPages(0, new HashSet<>(), new ArrayList<>());
            CompletableFuture<List<ServerNode>> servers = serverPages(0, new HashSet<>(), new ArrayList<>());
            // thenCombine waits for both even when one fails; the first failure should end the walk at once
            channels.exceptionally(this::fail);
            servers.exceptionally(this::fail);
            channels.thenCombine(
                            servers,
                            (topChannels, serverNodes) -> ChannelzSnapshot.of(
                                    takenAt,
                                    Duration.ofNanos(System.nanoTime() - startNanos),
                                    topChannels,
                                    serverNodes,
                                    vanished.get(),
                                    calls.get()))
                    .thenAccept(result::complete);
            return result;
        }

        void stop() {
            result.cancel(false);
        }

        private <T> T fail(Throwable failure) {
            result.completeExceptionally(unwrap(failure));
            return null;
        }

        private CompletableFuture<List<ChannelNode>> topChannelPages(
                long start, Set<Long> seen, List<CompletableFuture<ChannelNode>> nodes) {
            return limited(() -> client.topChannels(start, settings.pageSize(), deadline))
                    .thenCompose(page -> {
                        long largest = start - 1;
                        for (Channel channel : page.getChannelList()) {
                            long id = channel.getRef().getChannelId();
                            largest = Math.max(largest, id);
                            if (seen.add(id)) {
                                countEntity();
                                nodes.add(resolveChannel(channel, Set.of()));
                            }
                        }
                        if (page.getEnd()) {
                            return allPresent(nodes);
                        }
                        return topChannelPages(nextStart(start, largest, "GetTopChannels"), seen, nodes);
                    });
        }

        private CompletableFuture<List<ServerNode>> serverPages(
                long start, Set<Long> seen, List<CompletableFuture<ServerNode>> nodes) {
            return limited(() -> client.servers(start, settings.pageSize(), deadline))
                    .thenCompose(page -> {
                        long largest = start - 1;
                        for (Server server : page.getServerList()) {
                            long id = server.getRef().getServerId();
                            largest = Math.max(largest, id);
                            if (seen.add(id)) {
                                countEntity();
                                nodes.add(resolveServer(server));
                            }
                        }
                        if (page.getEnd()) {
                            return allPresent(nodes);
                        }
                        return serverPages(nextStart(start, largest, "GetServers"), seen, nodes);
                    });
        }

        private CompletableFuture<ServerNode> resolveServer(Server server) {
            List<CompletableFuture<SocketNode>> listenSockets = new ArrayList<>();
            for (SocketRef ref : server.getListenSocketList()) {
                listenSockets.add(fetchSocket(ref.getSocketId(), SocketNode.Role.LISTEN));
            }
            long serverId = server.getRef().getServerId();
            CompletableFuture<List<SocketNode>> serverSockets =
                    serverSocketPages(serverId, 0, new HashSet<>(), new ArrayList<>());
            return allPresent(listenSockets).thenCombine(serverSockets, (listen, connections) -> {
                if (connections == null) {
                    return null; // the server itself vanished while we paged its sockets
                }
                return ChannelzMapper.server(server, listen, connections);
            });
        }

        /** Completes with {@code null} when the server vanished (NOT_FOUND) during paging. */
        private CompletableFuture<List<SocketNode>> serverSocketPages(
                long serverId, long start, Set<Long> seen, List<CompletableFuture<SocketNode>> nodes) {
            CompletableFuture<GetServerSocketsResponse> page =
                    limited(() -> client.serverSockets(serverId, start, settings.pageSize(), deadline));
            return page.handle((response, failure) -> {
                        if (failure != null) {
                            if (isNotFound(failure)) {
                                vanished.incrementAndGet();
                                return CompletableFuture.<List<SocketNode>>completedFuture(null);
                            }
                            throw new CompletionException(unwrap(failure));
                        }
                        long largest = start - 1;
                        for (SocketRef ref : response.getSocketRefList()) {
                            largest = Math.max(largest, ref.getSocketId());
                            if (seen.add(ref.getSocketId())) {
                                nodes.add(fetchSocket(ref.getSocketId(), SocketNode.Role.SERVER));
                            }
                        }
                        if (response.getEnd()) {
                            return allPresent(nodes);
                        }
                        return serverSocketPages(serverId, nextStart(start, largest, "GetServerSockets"), seen, nodes);
                    })
                    .thenCompose(Function.identity());
        }

        private CompletableFuture<ChannelNode> resolveChannel(Channel channel, Set<EntityKey> ancestors) {
            EntityKey key = ChannelzMapper.key(channel.getRef());
            return resolveChildren(
                    key,
                    ancestors,
                    channel.getChannelRefList(),
                    channel.getSubchannelRefList(),
                    channel.getSocketRefList(),
                    children ->
                            ChannelzMapper.channel(channel, children.channels, children.subchannels, children.sockets));
        }

        private CompletableFuture<ChannelNode> resolveSubchannel(Subchannel subchannel, Set<EntityKey> ancestors) {
            EntityKey key = ChannelzMapper.key(subchannel.getRef());
            return resolveChildren(
                    key,
                    ancestors,
                    subchannel.getChannelRefList(),
                    subchannel.getSubchannelRefList(),
                    subchannel.getSocketRefList(),
                    children -> ChannelzMapper.subchannel(
                            subchannel, children.channels, children.subchannels, children.sockets));
        }

        /** Fetches the children a channel or subchannel names; a child naming an ancestor (a cycle) is skipped. */
        private CompletableFuture<ChannelNode> resolveChildren(
                EntityKey key,
                Set<EntityKey> ancestors,
                List<ChannelRef> channelRefs,
                List<SubchannelRef> subchannelRefs,
                List<SocketRef> socketRefs,
                Function<Children, ChannelNode> build) {
            Set<EntityKey> path = new HashSet<>(ancestors);
            path.add(key);
            Set<EntityKey> lineage = Set.copyOf(path);
            List<CompletableFuture<ChannelNode>> channels = new ArrayList<>();
            for (ChannelRef ref : channelRefs) {
                if (!lineage.contains(ChannelzMapper.key(ref))) {
                    channels.add(fetchChannel(ref.getChannelId(), lineage));
                }
            }
            List<CompletableFuture<ChannelNode>> subchannels = new ArrayList<>();
            for (SubchannelRef ref : subchannelRefs) {
                if (!lineage.contains(ChannelzMapper.key(ref))) {
                    subchannels.add(fetchSubchannel(ref.getSubchannelId(), lineage));
                }
            }
            List<CompletableFuture<SocketNode>> sockets = new ArrayList<>();
            for (SocketRef ref : socketRefs) {
                sockets.add(fetchSocket(ref.getSocketId(), SocketNode.Role.CLIENT));
            }
            CompletableFuture<List<ChannelNode>> channelList = allPresent(channels);
            CompletableFuture<List<ChannelNode>> subchannelList = allPresent(subchannels);
            CompletableFuture<List<SocketNode>> socketList = allPresent(sockets);
            return CompletableFuture.allOf(channelList, subchannelList, socketList)
                    .thenApply(done ->
                            build.apply(new Children(channelList.join(), subchannelList.join(), socketList.join())));
        }

        private CompletableFuture<ChannelNode> fetchChannel(long id, Set<EntityKey> lineage) {
            countEntity();
            return orVanished(limited(() -> client.channel(id, deadline)))
                    .thenCompose(response -> response == null || !response.hasChannel()
                            ? CompletableFuture.completedFuture(null)
                            : resolveChannel(response.getChannel(), lineage));
        }

        private CompletableFuture<ChannelNode> fetchSubchannel(long id, Set<EntityKey> lineage) {
            countEntity();
            return orVanished(limited(() -> client.subchannel(id, deadline)))
                    .thenCompose(response -> response == null || !response.hasSubchannel()
                            ? CompletableFuture.completedFuture(null)
                            : resolveSubchannel(response.getSubchannel(), lineage));
        }

        private CompletableFuture<SocketNode> fetchSocket(long id, SocketNode.Role role) {
            countEntity();
            return orVanished(limited(() -> client.socket(id, deadline)))
                    .thenApply(response -> response == null || !response.hasSocket()
                            ? null
                            : ChannelzMapper.socket(response.getSocket(), role));
        }

        /** NOT_FOUND means the entity closed between being listed and being fetched: count it, leave it out. */
        private <T> CompletableFuture<T> orVanished(CompletableFuture<T> call) {
            return call.handle((response, failure) -> {
                if (failure == null) {
                    return response;
                }
                if (isNotFound(failure)) {
                    vanished.incrementAndGet();
                    return null;
                }
                throw new CompletionException(unwrap(failure));
            });
        }

        private <T> CompletableFuture<T> limited(Supplier<CompletableFuture<T>> call) {
            return limit.submit(() -> {
                calls.incrementAndGet();
                return call.get();
            });
        }

        private void countEntity() {
            if (entities.incrementAndGet() > settings.maxEntities()) {
                throw new CompletionException(new TargetProblem(
                        TargetProblem.Kind.REJECTED_DATA,
                        "The channelz tree of " + client.target().address() + " has more than "
                                + settings.maxEntities() + " channels, servers and sockets; StreamScope stops there"
                                + " to keep its memory bounded."));
            }
        }

        /** Pages start after the largest id seen so far; a page that does not move forward would loop forever. */
        private long nextStart(long start, long largest, String method) {
            if (largest < start) {
                throw new CompletionException(new TargetProblem(
                        TargetProblem.Kind.REJECTED_DATA,
                        "The channelz service at " + client.target().address() + " answered " + method
                                + " with a page that neither ends the list nor holds an id at or after " + start
                                + "; StreamScope stops rather than ask forever."));
            }
            return largest + 1;
        }

        private static <T> CompletableFuture<List<T>> allPresent(List<CompletableFuture<T>> futures) {
            return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .thenApply(done -> futures.stream()
                            .map(CompletableFuture::join)
                            .filter(Objects::nonNull)
                            .toList());
        }

        private record Children(List<ChannelNode> channels, List<ChannelNode> subchannels, List<SocketNode> sockets) {}
    }

    static boolean isNotFound(Throwable failure) {
        return Status.fromThrowable(unwrap(failure)).getCode() == Status.Code.NOT_FOUND;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
