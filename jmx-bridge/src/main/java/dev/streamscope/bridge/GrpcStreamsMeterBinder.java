package dev.streamscope.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Micrometer binder at its old name, forwarding to the one in {@code dev.streamscope.bridge.micrometer}.
 *
 * @deprecated use {@link dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder}: the same meters, in a package of
 *     its own so that the bridge's own package needs no Micrometer
 */
@Deprecated
public final class GrpcStreamsMeterBinder implements MeterBinder, AutoCloseable {
    /** @deprecated use {@link dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder#DEFAULT_MAX_METHODS} */
    @Deprecated
    public static final int DEFAULT_MAX_METHODS =
            dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder.DEFAULT_MAX_METHODS;

    /** @deprecated use {@link dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder#OTHER_METHOD} */
    @Deprecated
    public static final String OTHER_METHOD = dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder.OTHER_METHOD;

    private final dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder binder;

    public GrpcStreamsMeterBinder(StreamScopeBridge bridge) {
        this(bridge, DEFAULT_MAX_METHODS);
    }

    public GrpcStreamsMeterBinder(StreamScopeBridge bridge, int maxMethods) {
        this.binder = new dev.streamscope.bridge.micrometer.GrpcStreamsMeterBinder(bridge, maxMethods);
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        binder.bindTo(meterRegistry);
    }

    @Override
    public void close() {
        binder.close();
    }
}
