package dev.streamscope.app.jmx;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The platform MBeans that come in numbers (memory pools, collectors, buffer pools), discovered once per connection
 * and again only when one appears or vanishes. Each list is ordered by name so that charts keep their order.
 */
record MBeanNames(List<ObjectName> memoryPools, List<ObjectName> collectors, List<ObjectName> bufferPools) {

    static final ObjectName MEMORY = name("java.lang:type=Memory");
    static final ObjectName THREADING = name("java.lang:type=Threading");
    static final ObjectName OPERATING_SYSTEM = name("java.lang:type=OperatingSystem");
    static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    static final ObjectName DIAGNOSTIC_COMMAND = name("com.sun.management:type=DiagnosticCommand");
    static final ObjectName MEMORY_POOLS = name("java.lang:type=MemoryPool,*");
    static final ObjectName COLLECTORS = name("java.lang:type=GarbageCollector,*");
    static final ObjectName BUFFER_POOLS = name("java.nio:type=BufferPool,*");

    /** How many round trips {@link #discover} costs. */
    static final int DISCOVERY_ROUND_TRIPS = 3;

    MBeanNames {
        memoryPools = List.copyOf(memoryPools);
        collectors = List.copyOf(collectors);
        bufferPools = List.copyOf(bufferPools);
    }

    static MBeanNames discover(MBeanServerConnection server) throws IOException {
        return new MBeanNames(sorted(server, MEMORY_POOLS), sorted(server, COLLECTORS), sorted(server, BUFFER_POOLS));
    }

    /** Whether {@code name} is one of the kinds discovered here, so that its (un)registration calls for rediscovery. */
    static boolean isDiscovered(ObjectName name) {
        return MEMORY_POOLS.apply(name) || COLLECTORS.apply(name) || BUFFER_POOLS.apply(name);
    }

    /** The MBeans read on every tick: the four singletons and every discovered one. */
    int count() {
        return 4 + memoryPools.size() + collectors.size() + bufferPools.size();
    }

    /** The {@code name} key, which is what the JVM calls the pool or collector. */
    static String displayName(ObjectName name) {
        String key = name.getKeyProperty("name");
        return key == null ? name.getCanonicalName() : key;
    }

    private static List<ObjectName> sorted(MBeanServerConnection server, ObjectName pattern) throws IOException {
        return server.queryNames(pattern, null).stream()
                .sorted(Comparator.comparing(MBeanNames::displayName))
                .toList();
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException impossible) {
            throw new IllegalArgumentException(name, impossible);
        }
    }
}
