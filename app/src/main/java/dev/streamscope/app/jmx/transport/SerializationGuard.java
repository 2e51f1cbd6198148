package dev.streamscope.app.jmx.transport;

import java.io.ObjectInputFilter;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * The process-wide deserialization filter. JMX over RMI deserializes whatever the remote end sends; a hostile or
 * compromised endpoint could otherwise make this process instantiate gadget classes or spend unbounded CPU and memory
 * on a crafted object graph. The filter admits only the classes JMX remoting, RMI and open types need, and bounds the
 * graph's depth, references, array lengths and size.
 *
 * <p>Trade-off: it applies to every {@code ObjectInputStream} in the process without a filter of its own. StreamScope
 * uses Java serialization for nothing else. Exceptions an MBean throws arrive as data too: JDK exception classes pass,
 * an application's own exception classes are rejected (the call fails with a clear "rejected data" problem instead).
 */
public final class SerializationGuard {

    /**
     * Deep enough for the JMX payloads we read, measured: a GC notification as fetched nests 15 levels, a thread dump
     * 10, MBeanInfo 8, a JDK exception with two causes 6. Shallow enough that the classic nested-set graph ("SerialDOS",
     * cost 2^depth to re-hash) stays in the milliseconds.
     */
    static final int MAX_DEPTH = 24;

    static final long MAX_REFERENCES = 500_000;
    static final long MAX_ARRAY_LENGTH = 1_000_000;
    static final long MAX_STREAM_BYTES = 64L * 1024 * 1024;

    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.lang.Object", // as the component of Object[]
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Character",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.lang.Number",
            "java.lang.Enum",
            "java.lang.StackTraceElement",
            "java.math.BigInteger",
            "java.math.BigDecimal",
            "java.util.ArrayList",
            "java.util.LinkedList",
            "java.util.Arrays$ArrayList",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.Hashtable",
            "java.util.Vector",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.TreeSet",
            "java.util.Date",
            "java.util.EventObject",
            "java.util.Map$Entry", // as the component of Map.Entry[] in descriptors
            "java.util.ImmutableCollections$SerialProxy",
            "java.util.CollSer",
            "javax.rmi.ssl.SslRMIClientSocketFactory");

    private static final String[] ALLOWED_PACKAGES = {"javax.management.", "java.rmi.", "sun.rmi."};

    /**
     * Inside the allowed packages but known links of gadget chains: the exception's {@code readObject} calls
     * {@code toString()} on what the stream holds; the connector connects to wherever its stream says when asked to.
     * Neither is ever part of an answer a client needs.
     */
    private static final Set<String> DENIED_CLASSES =
            Set.of("javax.management.BadAttributeValueExpException", "javax.management.remote.rmi.RMIConnector");

    private static final ClassValue<Boolean> ALLOWED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isAllowed(type);
        }
    };

    private static final ObjectInputFilter FILTER = SerializationGuard::check;

    private SerializationGuard() {}

    /**
     * Installs the filter as the process-wide filter. Idempotent; call before the first JMX connection.
     *
     * @return {@code true} when this guard is in force, {@code false} when another process-wide filter was already
     *     set (for example with {@code -Djdk.serialFilter}) and stays in force instead
     */
    public static synchronized boolean install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == FILTER) {
            return true;
        }
        if (current != null) {
            return false;
        }
        try {
            ObjectInputFilter.Config.setSerialFilter(FILTER);
            return true;
        } catch (IllegalStateException e) {
            return ObjectInputFilter.Config.getSerialFilter() == FILTER;
        }
    }

    /** The filter itself, for streams that want it explicitly. */
    public static ObjectInputFilter filter() {
        return FILTER;
    }

    private static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            throw new Rejected("the object graph nests deeper than " + MAX_DEPTH + " levels");
        }
        if (info.references() > MAX_REFERENCES) {
            throw new Rejected("the object graph holds more than " + MAX_REFERENCES + " objects");
        }
        if (info.streamBytes() > MAX_STREAM_BYTES) {
            throw new Rejected("one reply is larger than " + MAX_STREAM_BYTES / (1024 * 1024) + " MiB");
        }
        if (info.arrayLength() > MAX_ARRAY_LENGTH) {
            throw new Rejected("an array has " + info.arrayLength() + " elements, more than " + MAX_ARRAY_LENGTH);
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        if (!ALLOWED.get(type)) {
            throw new Rejected("class " + type.getName() + " is not among the classes JMX needs");
        }
        return ObjectInputFilter.Status.ALLOWED;
    }

    private static boolean isAllowed(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        if (Proxy.isProxyClass(element)) {
            // RMI stubs may arrive as dynamic proxies; the handler class is checked on its own
            for (Class<?> face : element.getInterfaces()) {
                if (!isAllowed(face)) {
                    return false;
                }
            }
            return true;
        }
        String name = element.getName();
        if (DENIED_CLASSES.contains(name)) {
            return false;
        }
        if (ALLOWED_CLASSES.contains(name) || name.startsWith("java.util.Collections$")) {
            return true;
        }
        for (String prefix : ALLOWED_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        // exceptions a remote MBean server throws: the JDK's own carry no gadget behaviour
        return Throwable.class.isAssignableFrom(element) && isJdkClass(element);
    }

    private static boolean isJdkClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** Whether {@code failure} or one of its causes is this filter refusing a reply. */
    public static boolean rejected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Rejected) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the filter refused a stream. Thrown from the filter, it becomes the cause of the stream's
     * {@code InvalidClassException}, so the reason reaches the user.
     */
    static final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
