package dev.streamscope.app.jmx.gc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The main of the child JVMs the JMX tests watch. It churns garbage and calls {@code System.gc()} now and then so
 * there is something to see, holds a direct buffer so the "direct" pool is not empty, and obeys commands on stdin:
 * {@code quiet} stops the churn, {@code gc N} collects N times and answers {@code gc done}, {@code add-pool NAME} and
 * {@code remove-pool NAME} register and unregister a buffer pool MBean and answer {@code pool done}. It exits when stdin
 * closes or its parent dies, so a crashed test leaves no orphan behind.
 */
public final class GcChurnTarget {

    public static final String READY = "churn target ready";
    public static final String GC_DONE = "gc done";
    public static final String POOL_DONE = "pool done";

    private static final AtomicBoolean churning = new AtomicBoolean(true);
    private static volatile Object retained;

    private GcChurnTarget() {}

    public static void main(String[] arguments) throws Exception {
        if (arguments.length > 0 && arguments[0].equals("quiet")) {
            churning.set(false);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        Thread churn = new Thread(GcChurnTarget::churn, "churn");
        churn.setDaemon(true);
        churn.start();
        System.out.println(READY + " " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals("quiet")) {
                churning.set(false);
            } else if (command.startsWith("gc ")) {
                for (int i = Integer.parseInt(command.substring(3).trim()); i > 0; i--) {
                    System.gc();
                }
                System.out.println(GC_DONE);
                System.out.flush();
            } else if (command.startsWith("add-pool ")) {
                ManagementFactory.getPlatformMBeanServer()
                        .registerMBean(
                                new StandardMBean(
                                        new ExtraBufferPool(command.substring(9)), BufferPoolMXBean.class, true),
                                bufferPoolName(command.substring(9)));
                System.out.println(POOL_DONE);
                System.out.flush();
            } else if (command.startsWith("remove-pool ")) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(bufferPoolName(command.substring(12)));
                System.out.println(POOL_DONE);
                System.out.flush();
            }
        }
        direct.clear();
        System.exit(0);
    }

    private static ObjectName bufferPoolName(String name) throws MalformedObjectNameException {
        return new ObjectName("java.nio:type=BufferPool,name=" + name);
    }

    /** A buffer pool that appears and vanishes on command, as pools of a library loaded late would. */
    private record ExtraBufferPool(String getName) implements BufferPoolMXBean {

        @Override
        public ObjectName getObjectName() {
            try {
                return bufferPoolName(getName);
            } catch (MalformedObjectNameException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public long getCount() {
            return 1;
        }

        @Override
        public long getTotalCapacity() {
            return 42;
        }

        @Override
        public long getMemoryUsed() {
            return 42;
        }
    }

    private static void churn() {
        long lastExplicitGc = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException exit) {
                return;
            }
            if (!churning.get()) {
                continue;
            }
            for (int i = 0; i < 16; i++) {
                retained = new byte[16 * 1024];
            }
            if (System.nanoTime() - lastExplicitGc > 500_000_000L) {
                System.gc();
                lastExplicitGc = System.nanoTime();
            }
        }
    }
}
