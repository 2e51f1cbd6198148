package dev.streamscope.bridge;

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Tracks the open gRPC streams of this JVM and publishes them over JMX as a {@link GrpcStreamsMXBean}.
 *
 * <p>One interceptor per builder:
 *
 * <pre>{@code
 * StreamScopeBridge bridge = StreamScopeBridge.defaultBridge();
 * ServerBuilder.forPort(8080).addService(service).intercept(bridge.trackingServerInterceptor())
 * ManagedChannelBuilder.forTarget(target).intercept(bridge.trackingClientInterceptor())
 * }</pre>
 *
 * or per service, {@code ServerInterceptors.intercept(service, bridge.trackingServerInterceptor())}. The default
 * bridge is registered at {@value #OBJECT_NAME} on first use. grpc-java has no public hook that installs an
 * interceptor on every builder ({@code InternalConfiguratorRegistry} is internal and may be set once per JVM, which
 * observability libraries already claim), so per builder is the way.
 *
 * <p>Names: every feature is an instance method, reached for the default bridge through {@link #defaultBridge()};
 * accessors are nouns ({@link #lifetimes()}, {@link #siteSampling()}), and what configures the bridge is {@code use…}
 * and returns the bridge ({@link #useLifetimes}, {@link #useSiteSampling}).
 *
 * <p>The interceptors never throw into the application's calls, never hold a lock across application code and never
 * track more than the capacity; past it, streams are counted in {@code DroppedTotal} and run untouched.
 */
public final class StreamScopeBridge implements AutoCloseable {
    /** Where the default bridge is registered; others add {@code ,name=…}. */
    public static final String OBJECT_NAME = "dev.streamscope:type=GrpcStreams";

    /** At about 100 bytes per tracked stream, the default bounds the bridge to some 10 MB. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final OpenStreamRegistry registry;
    private final ServerInterceptor serverInterceptor;
    private final ClientInterceptor clientInterceptor;
    private final ObjectName objectName;

    private StreamScopeBridge(int capacity, ObjectName objectName) {
        this(new OpenStreamRegistry(capacity), objectName);
    }

    /** A bridge over this registry, published nowhere unless {@code objectName} was registered by the caller. */
    StreamScopeBridge(OpenStreamRegistry registry, ObjectName objectName) {
        this.registry = registry;
        registry.useLifetimes(PropertyLifetimes.VALUE);
        this.serverInterceptor = new TrackingServerInterceptor(registry);
        this.clientInterceptor = new TrackingClientInterceptor(registry);
        this.objectName = objectName;
    }

    /**
     * The default bridge's server interceptor.
     *
     * @deprecated use {@link #defaultBridge()}{@code .}{@link #trackingServerInterceptor()}: one name for the server
     *     interceptor of any bridge (a static method cannot share it with the instance method)
     */
    @Deprecated
    public static ServerInterceptor serverInterceptor() {
        return defaultBridge().trackingServerInterceptor();
    }

    /**
     * The default bridge's client interceptor.
     *
     * @deprecated use {@link #defaultBridge()}{@code .}{@link #trackingClientInterceptor()}: one name for the client
     *     interceptor of any bridge (a static method cannot share it with the instance method)
     */
    @Deprecated
    public static ClientInterceptor clientInterceptor() {
        return defaultBridge().trackingClientInterceptor();
    }

    /**
     * The default bridge, capacity {@value #DEFAULT_CAPACITY}, registered at {@value #OBJECT_NAME} on first use. Never
     * throws: if that name is taken (a bridge from another class loader), it registers with {@code ,name=} plus a
     * number; if the platform MBean server refuses, it tracks unpublished.
     */
    public static StreamScopeBridge defaultBridge() {
        return DefaultBridge.INSTANCE;
    }

    /**
     * A further bridge with its own registry, published at {@code dev.streamscope:type=GrpcStreams,name=<name>}.
     *
     * @param name letters, digits, '.', '_' or '-'
     * @throws IllegalArgumentException for a bad name or a capacity below 1
     * @throws IllegalStateException if a bridge with that name is already registered
     */
    public static StreamScopeBridge create(String name, int capacity) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', was " + name);
        }
        ObjectName objectName = objectName(OBJECT_NAME + ",name=" + name);
        StreamScopeBridge bridge = new StreamScopeBridge(capacity, objectName);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bridge.registry, objectName);
        } catch (InstanceAlreadyExistsException taken) {
            throw new IllegalStateException(objectName + " is already registered", taken);
        } catch (JMException refused) {
            throw new IllegalStateException("cannot register " + objectName, refused);
        }
        return bridge;
    }

    /** Tracks server calls into this bridge; for {@code ServerBuilder.intercept} or {@code ServerInterceptors}. */
    public ServerInterceptor trackingServerInterceptor() {
        return serverInterceptor;
    }

    /** Tracks client calls into this bridge; for {@code ManagedChannelBuilder.intercept} or ClientInterceptors. */
    public ClientInterceptor trackingClientInterceptor() {
        return clientInterceptor;
    }

    /**
     * Tells the bridge how long this service's streams may live, so that it publishes {@code OverdueStreams} and
     * {@code Lifetimes}; replaces what {@code -Dstreamscope.lifetime} gave. Null removes them ({@code OverdueStreams}
     * reads -1). May be called at any time from any thread.
     */
    public StreamScopeBridge useLifetimes(StreamLifetimes lifetimes) {
        registry.useLifetimes(lifetimes);
        return this;
    }

    /** The lifetimes in use; empty when none were given. */
    public Optional<StreamLifetimes> lifetimes() {
        return Optional.ofNullable(registry.lifetimes());
    }

    /** How often this bridge records where streams are opened; from system properties until set. */
    public SiteSampling siteSampling() {
        return registry.sites().sampling();
    }

    /**
     * Changes how often this bridge records creation sites, from the next stream on; sites recorded so far stay. May
     * be called at any time from any thread.
     */
    public StreamScopeBridge useSiteSampling(SiteSampling sampling) {
        registry.sites().sampling(Objects.requireNonNull(sampling, "sampling"));
        return this;
    }

    /**
     * Changes how often this bridge records creation sites.
     *
     * @deprecated use {@link #useSiteSampling(SiteSampling)}, which returns the bridge as {@link #useLifetimes} does
     */
    @Deprecated
    public void siteSampling(SiteSampling sampling) {
        useSiteSampling(sampling);
    }

    /**
     * Installs this bridge's one listener of opens and ends (the Micrometer binder uses it); false if it has one
     * already. Costs the application's calls nothing until installed.
     */
    public boolean listen(StreamListener listener) {
        return registry.listen(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes the listener if it is this one; streams that open or end from now on are not told to it. */
    public void stopListening(StreamListener listener) {
        registry.stopListening(listener);
    }

    /**
     * Shows the visitor every open stream, oldest first, with its age on the bridge's clock at the start of the walk.
     * Takes no lock: a weakly consistent view, as the MXBean's row operations. Costs O(open streams).
     */
    public void forEachOpen(OpenStreamVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        long now = registry.now();
        registry.forEachOpen(stream -> visitor.visit(
                stream.fullMethodName(), stream.side(), StreamActivity.ageMillis(stream.startEpochMillis(), now)));
    }

    /** The live view the MXBean publishes, for code in the same JVM (tests, health endpoints). */
    public GrpcStreamsMXBean streams() {
        return registry;
    }

    /** Where the MXBean is registered; empty if the platform MBean server refused it. */
    public Optional<ObjectName> objectName() {
        return Optional.ofNullable(objectName);
    }

    /**
     * Ends this bridge: unregisters the MXBean, and stops tracking (the interceptors then pass calls through untouched)
     * and the clock thread once no other bridge of this class loader tracks. Call it when the application stops inside
     * a JVM that lives on (a redeploy in an application server, a test that starts services): it leaves no thread
     * and no MBean that keep the old class loader reachable. For the default bridge that is
     * {@code StreamScopeBridge.defaultBridge().close()}, after which its interceptors track nothing. Closing
     * twice is harmless.
     */
    @Override
    public void close() {
        registry.close();
        if (objectName == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
        } catch (InstanceNotFoundException alreadyGone) {
            // Closing twice is harmless.
        } catch (JMException refused) {
            throw new IllegalStateException("cannot unregister " + objectName, refused);
        }
    }

    private static ObjectName objectName(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException impossible) {
            throw new IllegalArgumentException(text, impossible);
        }
    }

    /** {@code -Dstreamscope.lifetime}, read once; a bad value is logged and ignored, never thrown into the service. */
    private static final class PropertyLifetimes {
        static final StreamLifetimes VALUE = read();

        private static StreamLifetimes read() {
            try {
                return fromProperty(
                        System.getProperty(StreamLifetimes.LIFETIME_PROPERTY),
                        System.getLogger(StreamScopeBridge.class.getName()));
            } catch (SecurityException denied) {
                return null;
            }
        }
    }

    /** The property's lifetimes; null for none, and for a bad value after logging why. */
    static StreamLifetimes fromProperty(String text, System.Logger logger) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return StreamLifetimes.parse(text);
        } catch (IllegalArgumentException bad) {
            logger.log(
                    System.Logger.Level.WARNING,
                    "StreamScope bridge: ignoring -D" + StreamLifetimes.LIFETIME_PROPERTY + "=" + text + ": "
                            + bad.getMessage() + "; OverdueStreams reads -1 until lifetimes are given");
            return null;
        }
    }

    /** Lazy holder: the default bridge is registered when first asked for, not when the class loads. */
    private static final class DefaultBridge {
        static final StreamScopeBridge INSTANCE = registerDefault();

        private static StreamScopeBridge registerDefault() {
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                for (int attempt = 0; attempt < 16; attempt++) {
                    ObjectName name = objectName(attempt == 0 ? OBJECT_NAME : OBJECT_NAME + ",name=default-" + attempt);
                    StreamScopeBridge bridge = new StreamScopeBridge(DEFAULT_CAPACITY, name);
                    try {
                        server.registerMBean(bridge.registry, name);
                        return bridge;
                    } catch (InstanceAlreadyExistsException taken) {
                        // Another class loader's bridge: try the next name.
                    }
                }
                return unpublished();
            } catch (JMException | RuntimeException | LinkageError refused) {
                return unpublished();
            }
        }

        private static StreamScopeBridge unpublished() {
            return new StreamScopeBridge(DEFAULT_CAPACITY, null);
        }
    }
}
