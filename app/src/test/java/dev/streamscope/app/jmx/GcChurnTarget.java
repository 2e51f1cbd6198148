package dev.streamscope.app.jmx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main of the child JVMs the JMX tests watch. It churns garbage and calls {@code System.gc()} now and then so
 * there is something to see, holds a direct buffer so the "direct" pool is not empty, and obeys commands on stdin:
 * {@code quiet} stops the churn, {@code gc N} collects N times and answers {@code gc done}. It exits when stdin closes
 * or its parent dies, so a crashed test leaves no orphan behind.
 */
public final class GcChurnTarget {

    static final String READY = "churn target ready";
    static final String GC_DONE = "gc done";

    private static final AtomicBoolean churning = new AtomicBoolean(true);
    private static volatile Object retained;

    private GcChurnTarget() {}

    public static void main(String[] arguments) throws IOException {
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
            }
        }
        direct.clear();
        System.exit(0);
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
