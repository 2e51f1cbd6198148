package dev.streamscope.bridge;

/** The wall clock the registry stamps streams with, in epoch milliseconds; tests can pass the system clock. */
@FunctionalInterface
interface MillisClock {
    long millis();

    /** Called by a registry before its first stream: a clock with a thread starts it. */
    default void hold() {}

    /** Called by a registry when it is closed: a clock with a thread stops it once no registry holds it. */
    default void release() {}
}
