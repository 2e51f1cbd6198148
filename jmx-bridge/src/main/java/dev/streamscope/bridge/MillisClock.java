package dev.streamscope.bridge;

/** The wall clock the registry stamps streams with, in epoch milliseconds; replaceable so tests can use the real one. */
@FunctionalInterface
interface MillisClock {
    long millis();
}
