package dev.streamscope.bridge;

import io.grpc.MethodDescriptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An unpublished bridge on a clock the test moves, whose server streams the test opens and ends by hand: for tests
 * outside this package (the Micrometer binder's), which cannot reach the registry.
 */
public final class ManualBridge {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final OpenStreamRegistry registry = new OpenStreamRegistry(100, now::get);
    private final StreamScopeBridge bridge = new StreamScopeBridge(registry, null);
    private int streams;

    public StreamScopeBridge bridge() {
        return bridge;
    }

    public void advanceMillis(long millis) {
        now.addAndGet(millis);
    }

    /** Opens a server stream of {@code method} now; running the result ends it. */
    public Runnable open(MethodDescriptor<String, String> method) {
        TrackedServerCall<String, String> call =
                new TrackedServerCall<>(new IdleServerCall(method, ++streams), registry);
        if (!registry.open(call)) {
            throw new IllegalStateException("not tracked: " + method.getFullMethodName());
        }
        return () -> registry.end(call);
    }
}
