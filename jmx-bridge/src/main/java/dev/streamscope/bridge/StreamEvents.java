package dev.streamscope.bridge;

/**
 * Hears every tracked stream open and end, outside the registry's lock; implementations must be quick and must not
 * throw, because they run on the application's call path.
 */
interface StreamEvents {
    void opened(TrackedStream stream);

    void ended(TrackedStream stream, long lifetimeMillis);
}
