package dev.streamscope.app.channelz;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import io.grpc.ChannelCredentials;
import io.grpc.Deadline;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetChannelRequest;
import io.grpc.channelz.v1.GetChannelResponse;
import io.grpc.channelz.v1.GetServerSocketsRequest;
import io.grpc.channelz.v1.GetServerSocketsResponse;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.channelz.v1.GetServersResponse;
import io.grpc.channelz.v1.GetSocketRequest;
import io.grpc.channelz.v1.GetSocketResponse;
import io.grpc.channelz.v1.GetSubchannelRequest;
import io.grpc.channelz.v1.GetSubchannelResponse;
import io.grpc.channelz.v1.GetTopChannelsRequest;
import io.grpc.channelz.v1.GetTopChannelsResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A thin adapter over the public {@link ChannelzGrpc} future stub: one channel to one channelz service, every call
 * under a deadline, answers bounded in size. It returns protobuf responses to the walker, which is the only caller;
 * {@link ChannelzMapper} turns them into records.
 */
public final class ChannelzClient implements AutoCloseable {

    /** Channelz answers larger than this are refused by gRPC (RESOURCE_EXHAUSTED) instead of filling the heap. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final ChannelzTarget target;
    private final Timeouts timeouts;
    private final ManagedChannel channel;
    private final ChannelzGrpc.ChannelzFutureStub stub;

    private ChannelzClient(ChannelzTarget target, Timeouts timeouts, ManagedChannel channel) {
        this.target = target;
        this.timeouts = timeouts;
        this.channel = channel;
        this.stub = ChannelzGrpc.newFutureStub(channel);
    }

    /**
     * Prepares a channel to {@code target}. It connects lazily, on the first call, so this does no network I/O; it
     * reads the TLS files and fails early when they are unusable.
     *
     * @throws TargetProblem {@link TargetProblem.Kind#UNREADABLE_FILE} when a CA, certificate or key file cannot be read
     *     or parsed
     */
    public static ChannelzClient open(ChannelzTarget target, Timeouts timeouts) throws TargetProblem {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeouts, "timeouts");
        ChannelCredentials credentials = credentials(target);
        NettyChannelBuilder builder;
        try {
            builder = NettyChannelBuilder.forAddress(
                    target.address().host(), target.address().port(), credentials);
        } catch (IllegalArgumentException e) {
            // grpc parses the PEM files here and wraps a GeneralSecurityException
            throw new TargetProblem(
                    TargetProblem.Kind.UNREADABLE_FILE,
                    "The TLS files for " + target.address() + " could not be used: " + rootMessage(e)
                            + ". The CA file must hold PEM certificates; the client key must be a PEM PKCS#8 key"
                            + " matching the certificate.",
                    e);
        }
        if (target.serverNameOverride() != null) {
            builder.overrideAuthority(target.serverNameOverride());
        }
        ManagedChannel channel = builder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis()))
                .disableRetry()
                // answers are mapped and the next calls started in the callbacks, which is cheap and never blocks:
                // running them on the transport thread saves a thread hop per RPC, thousands per refresh
                .directExecutor()
                .userAgent("StreamScope")
                .build();
        return new ChannelzClient(target, timeouts, channel);
    }

    public ChannelzTarget target() {
        return target;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    CompletableFuture<GetTopChannelsResponse> topChannels(long startId, long maxResults, Deadline walkDeadline) {
        return call(stub(walkDeadline)
                .getTopChannels(GetTopChannelsRequest.newBuilder()
                        .setStartChannelId(startId)
                        .setMaxResults(maxResults)
                        .build()));
    }

    CompletableFuture<GetServersResponse> servers(long startId, long maxResults, Deadline walkDeadline) {
        return call(stub(walkDeadline)
                .getServers(GetServersRequest.newBuilder()
                        .setStartServerId(startId)
                        .setMaxResults(maxResults)
                        .build()));
    }

    CompletableFuture<GetServerSocketsResponse> serverSockets(
            long serverId, long startId, long maxResults, Deadline walkDeadline) {
        return call(stub(walkDeadline)
                .getServerSockets(GetServerSocketsRequest.newBuilder()
                        .setServerId(serverId)
                        .setStartSocketId(startId)
                        .setMaxResults(maxResults)
                        .build()));
    }

    CompletableFuture<GetChannelResponse> channel(long channelId, Deadline walkDeadline) {
        return call(stub(walkDeadline)
                .getChannel(
                        GetChannelRequest.newBuilder().setChannelId(channelId).build()));
    }

    CompletableFuture<GetSubchannelResponse> subchannel(long subchannelId, Deadline walkDeadline) {
        return call(stub(walkDeadline)
                .getSubchannel(GetSubchannelRequest.newBuilder()
                        .setSubchannelId(subchannelId)
                        .build()));
    }

    CompletableFuture<GetSocketResponse> socket(long socketId, Deadline walkDeadline) {
        return call(stub(walkDeadline)
                .getSocket(GetSocketRequest.newBuilder().setSocketId(socketId).build()));
    }

    /** Ends the channel at once: calls still running fail with CANCELLED/UNAVAILABLE. */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(timeouts.call().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One call's deadline: the call timeout, cut short by what is left of the whole walk. */
    private ChannelzGrpc.ChannelzFutureStub stub(Deadline walkDeadline) {
        Deadline callDeadline = Deadline.after(timeouts.call().toNanos(), TimeUnit.NANOSECONDS);
        return stub.withDeadline(walkDeadline == null ? callDeadline : callDeadline.minimum(walkDeadline));
    }

    private static <T> CompletableFuture<T> call(ListenableFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Futures.addCallback(
                future,
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(T value) {
                        result.complete(value);
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        result.completeExceptionally(failure);
                    }
                },
                MoreExecutors.directExecutor());
        // cancelling the walk's future cancels the RPC, so a stopped walk leaves nothing running on the peer
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                future.cancel(true);
            }
        });
        return result;
    }

    private static ChannelCredentials credentials(ChannelzTarget target) throws TargetProblem {
        if (!target.tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        if (target.caFile() != null) {
            checkReadable(target.caFile(), "CA file");
            try {
                builder.trustManager(target.caFile().toFile());
            } catch (IOException | IllegalArgumentException e) {
                throw unreadable(target.caFile(), "CA file", e);
            }
        }
        if (target.mutual()) {
            checkReadable(target.clientCertificateFile(), "client certificate file");
            checkReadable(target.clientKeyFile(), "client key file");
            try {
                builder.keyManager(
                        target.clientCertificateFile().toFile(),
                        target.clientKeyFile().toFile());
            } catch (IOException | IllegalArgumentException e) {
                throw unreadable(target.clientCertificateFile(), "client certificate or key file", e);
            }
        }
        return builder.build();
    }

    private static void checkReadable(Path file, String role) throws TargetProblem {
        if (!Files.exists(file)) {
            throw new TargetProblem(
                    TargetProblem.Kind.UNREADABLE_FILE,
                    "The " + role + " " + file + " does not exist. Check the path; relative paths start at "
                            + Path.of("").toAbsolutePath() + ".");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TargetProblem(
                    TargetProblem.Kind.UNREADABLE_FILE,
                    "The " + role + " " + file + " cannot be read (not a regular file, or no read permission).");
        }
    }

    private static TargetProblem unreadable(Path file, String role, Exception e) {
        return new TargetProblem(
                TargetProblem.Kind.UNREADABLE_FILE,
                "The " + role + " " + file + " could not be read: " + rootMessage(e) + ".",
                e);
    }

    static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
