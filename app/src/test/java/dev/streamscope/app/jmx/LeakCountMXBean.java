package dev.streamscope.app.jmx;

/** What {@link LeakyGrpcChildMain} publishes. */
public interface LeakCountMXBean {

    /** Streams its client opened and abandoned so far. */
    long getLeaked();

    /** Of those, how many its server has started a call for. */
    long getServed();
}
