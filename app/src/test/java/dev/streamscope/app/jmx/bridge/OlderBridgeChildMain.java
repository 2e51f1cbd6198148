package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.jmx.ChildJvm;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * A child JVM with a hand-written MBean at the bridge's name that simulates an older bridge: two attributes, no
 * {@code countOlderThan}, rows with four of the thirteen items and one item no bridge ever had. The reader must
 * map what is there, leave the rest null and not fail.
 */
public final class OlderBridgeChildMain {

    /** The older bridge's interface: what it publishes and nothing else. */
    public interface OlderGrpcStreamsMBean {
        int getOpenStreams();

        long getStartedTotal();

        CompositeData[] oldest(int limit);
    }

    static final class OlderGrpcStreams implements OlderGrpcStreamsMBean {
        private final long started = System.currentTimeMillis() - 120_000;

        @Override
        public int getOpenStreams() {
            return 2;
        }

        @Override
        public long getStartedTotal() {
            return 7;
        }

        @Override
        public CompositeData[] oldest(int limit) {
            try {
                CompositeType row = new CompositeType(
                        "OlderStreamRow",
                        "a row of an older bridge",
                        new String[] {"id", "method", "ageMillis", "startEpochMillis", "shard"},
                        new String[] {"id", "method", "age", "start", "an item the app does not know"},
                        new OpenType<?>[] {
                            SimpleType.LONG, SimpleType.STRING, SimpleType.LONG, SimpleType.LONG, SimpleType.INTEGER
                        });
                long now = System.currentTimeMillis();
                CompositeData[] rows = new CompositeData[Math.min(limit, 2)];
                for (int i = 0; i < rows.length; i++) {
                    long start = started + i * 1_000L;
                    rows[i] = new CompositeDataSupport(
                            row,
                            new String[] {"id", "method", "ageMillis", "startEpochMillis", "shard"},
                            new Object[] {i + 1L, "old.Service/Watch", now - start, start, 3});
                }
                return rows;
            } catch (OpenDataException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private OlderBridgeChildMain() {}

    public static void main(String[] arguments) throws Exception {
        ManagementFactory.getPlatformMBeanServer()
                .registerMBean(
                        new StandardMBean(new OlderGrpcStreams(), OlderGrpcStreamsMBean.class),
                        new ObjectName("dev.streamscope:type=GrpcStreams"));
        ChildJvm.readyThenAwaitParent("older bridge");
    }
}
