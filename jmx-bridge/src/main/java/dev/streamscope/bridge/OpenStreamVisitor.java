package dev.streamscope.bridge;

/** Is shown a bridge's open streams, oldest first ({@link StreamScopeBridge#forEachOpen}). */
@FunctionalInterface
public interface OpenStreamVisitor {
    /** One open stream of {@code method} ({@code pkg.Service/Method}), {@code ageMillis} old. */
    void visit(String method, StreamSide side, long ageMillis);
}
