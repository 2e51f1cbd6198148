package dev.streamscope.bridge;

/** The wall clock the registry stamps streams with, in epoch milliseconds; tests can pass the system clock. */
@FunctionalInterface
interface MillisClock {
    long millis();
}
