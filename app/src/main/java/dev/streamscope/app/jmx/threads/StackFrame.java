package dev.streamscope.app.jmx.threads;

import java.util.Objects;

/** One frame of a thread's stack, as {@code jstack} prints it. */
public record StackFrame(String className, String methodName, String fileName, int lineNumber, boolean nativeMethod) {

    public StackFrame {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
    }

    /** {@code com.example.Handler.sayHello}: what the rules match on. */
    public String qualifiedMethod() {
        return className + "." + methodName;
    }

    /** {@code com.example.Handler.sayHello(Handler.java:42)}, as in a {@code jstack} dump. */
    @Override
    public String toString() {
        String where;
        if (nativeMethod) {
            where = "Native Method";
        } else if (fileName == null) {
            where = "Unknown Source";
        } else if (lineNumber >= 0) {
            where = fileName + ":" + lineNumber;
        } else {
            where = fileName;
        }
        return qualifiedMethod() + "(" + where + ")";
    }
}
