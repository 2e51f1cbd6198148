package dev.streamscope.app.channelz;

import java.time.Duration;
import java.util.Objects;

/**
 * How a full channelz refresh behaves.
 *
 * @param pageSize the {@code max_results} asked for on paged calls; peers may ignore it (grpc-java does)
 * @param maxInFlight at most this many channelz RPCs at once, so a big tree does not flood the target
 * @param refreshDeadline the whole walk must end within this; every RPC's deadline is cut to fit
 * @param maxEntities the walk fails past this many channels, subchannels, servers and sockets, so a runaway peer
 *     cannot fill the heap
 */
public record ChannelzWalkSettings(int pageSize, int maxInFlight, Duration refreshDeadline, int maxEntities) {

    /**
     * 128 RPCs in flight: small channelz calls that a gRPC server takes on one connection without strain. Measured
     * (ChannelzRefreshBenchmark, 1,000 client sockets, 3,027 RPCs a refresh, 2 cores, warm): 16 in flight 257 ms, 64
     * 227 ms, 128 216 ms, 256 219 ms median. Users lower it per target with --channelz-max-in-flight.
     */
    public static final ChannelzWalkSettings DEFAULT =
            new ChannelzWalkSettings(100, 128, Duration.ofSeconds(10), 200_000);

    public ChannelzWalkSettings {
        Objects.requireNonNull(refreshDeadline, "refreshDeadline");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        if (refreshDeadline.isNegative() || refreshDeadline.isZero()) {
            throw new IllegalArgumentException("refreshDeadline must be positive");
        }
        if (maxEntities < 1) {
            throw new IllegalArgumentException("maxEntities must be at least 1: " + maxEntities);
        }
    }

    public ChannelzWalkSettings withPageSize(int pageSize) {
        return new ChannelzWalkSettings(pageSize, maxInFlight, refreshDeadline, maxEntities);
    }

    public ChannelzWalkSettings withMaxInFlight(int maxInFlight) {
        return new ChannelzWalkSettings(pageSize, maxInFlight, refreshDeadline, maxEntities);
    }

    public ChannelzWalkSettings withRefreshDeadline(Duration refreshDeadline) {
        return new ChannelzWalkSettings(pageSize, maxInFlight, refreshDeadline, maxEntities);
    }

    public ChannelzWalkSettings withMaxEntities(int maxEntities) {
        return new ChannelzWalkSettings(pageSize, maxInFlight, refreshDeadline, maxEntities);
    }
}
