package dev.streamscope.bridge;

/**
 * Hears every stream a bridge tracks open and end, in the same JVM: what meters kept beside the bridge are built on
 * (the Micrometer binder is one). A bridge has at most one ({@link StreamScopeBridge#listen}).
 *
 * <p>Called on the application's call path, outside the bridge's lock: be quick. An exception thrown here is
 * swallowed, never passed to the application's call.
 */
public interface StreamListener {
    /** A stream of {@code method} ({@code pkg.Service/Method}) is tracked from now on. */
    void opened(String method, StreamSide side);

    /** A tracked stream ended, {@code lifetimeMillis} after it opened. */
    void ended(String method, StreamSide side, long lifetimeMillis);
}
