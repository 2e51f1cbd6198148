package dev.streamscope.app.threads;

import dev.streamscope.app.jmx.threads.StackFrame;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import java.util.List;

/**
 * Which frames say what a thread is doing. Netty may be shaded ({@code io.grpc.netty.shaded.io.netty...}), so class
 * names are matched by their unshaded tail.
 */
public final class ThreadFrames {

    /** A Netty event loop's run loop: a thread with one of these below it is an event loop, whatever its name. */
    private static final List<String> EVENT_LOOP_RUN = List.of(
            "io.netty.channel.nio.NioEventLoop.run",
            "io.netty.channel.epoll.EpollEventLoop.run",
            "io.netty.channel.kqueue.KQueueEventLoop.run",
            "io.netty.channel.epoll.EpollIoHandler.run",
            "io.netty.channel.nio.NioIoHandler.run",
            "io.netty.channel.SingleThreadIoEventLoop.run");

    /**
     * An event loop waiting for I/O or for tasks: {@code epollWait}/{@code epollBusyWait} (Netty's native epoll),
     * {@code EPoll.wait} and {@code select} (the JDK selector under NIO), {@code KQueue}/{@code keventWait} (macOS),
     * {@code takeTask} (an event executor with no I/O). Matched on the method names of the top library frames only, where a wait is; an application frame above them
     * means the loop runs application code.
     */
    private static final List<String> SELECTOR_WAIT_METHODS = List.of(
            "epollWait",
            "epollWait0",
            "epollBusyWait",
            "epollBusyWait0",
            "select",
            "doSelect",
            "keventWait",
            "kevent0",
            "takeTask");

    /** How many top frames may stand above the selector wait (the JDK's selector implementation's own frames). */
    private static final int SELECTOR_DEPTH = 8;

    /**
     * A pool thread waiting for its next task: {@code ThreadPoolExecutor.getTask}, a ForkJoin worker's
     * {@code awaitWork}, or a worker loop parked on a queue's {@code take}/{@code poll}.
     */
    private static final List<String> IDLE_WORKER = List.of(
            "java.util.concurrent.ThreadPoolExecutor.getTask",
            "java.util.concurrent.ForkJoinPool.awaitWork",
            "java.util.concurrent.ForkJoinPool.runWorker",
            "java.util.concurrent.LinkedBlockingQueue.take",
            "java.util.concurrent.LinkedBlockingQueue.poll",
            "java.util.concurrent.ArrayBlockingQueue.take",
            "java.util.concurrent.LinkedBlockingDeque.take",
            "java.util.concurrent.SynchronousQueue.take",
            "java.util.concurrent.SynchronousQueue.poll",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.poll");

    /** A thread run by an executor: what makes a group of threads a pool that can saturate. */
    private static final List<String> EXECUTOR_WORKER = List.of(
            "java.util.concurrent.ThreadPoolExecutor.runWorker", "java.util.concurrent.ForkJoinWorkerThread.run");

    /** A blocking unary call: the stub's {@code blockingUnaryCall} or the threadless executor it waits in. */
    private static final List<String> BLOCKING_UNARY = List.of(
            "io.grpc.stub.ClientCalls.blockingUnaryCall",
            "io.grpc.stub.ClientCalls.blockingV2UnaryCall",
            "io.grpc.stub.ClientCalls$ThreadlessExecutor.waitAndDrain");

    /** A blocking server-streaming call's iterator waiting for the next message. */
    private static final String BLOCKING_STREAM = "io.grpc.stub.ClientCalls$BlockingResponseStream";

    /** Packages that are not the application's: the first frame outside them is the one that blocks a thread. */
    private static final List<String> LIBRARY_PREFIXES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "io.grpc.",
            "io.netty.",
            "io.perfmark.",
            "kotlin.",
            "kotlinx.coroutines.");

    private ThreadFrames() {}

    /** The class and method with a shading prefix removed: {@code io.grpc.netty.shaded.io.netty.X.y} → {@code io.netty.X.y}. */
    static String unshaded(StackFrame frame) {
        String name = frame.qualifiedMethod();
        int shaded = name.indexOf(".shaded.");
        return shaded < 0 ? name : name.substring(shaded + ".shaded.".length());
    }

    private static boolean anyFrame(ThreadRecord thread, List<String> methods) {
        for (StackFrame frame : thread.stack()) {
            String name = unshaded(frame);
            for (String method : methods) {
                if (name.equals(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean isEventLoop(ThreadRecord thread) {
        return anyFrame(thread, EVENT_LOOP_RUN);
    }

    /** An event loop in its selector wait (or about to enter it): idle, or waiting for I/O as it should. */
    public static boolean inSelectorWait(ThreadRecord thread) {
        List<StackFrame> stack = thread.stack();
        for (int i = 0; i < Math.min(SELECTOR_DEPTH, stack.size()); i++) {
            StackFrame frame = stack.get(i);
            if (isApplication(frame)) {
                return false;
            }
            String className = frame.className();
            if (SELECTOR_WAIT_METHODS.contains(frame.methodName())
                    || (className.endsWith(".EPoll") && frame.methodName().equals("wait"))
                    || className.endsWith(".KQueue")) {
                return true;
            }
        }
        return false;
    }

    public static boolean isExecutorWorker(ThreadRecord thread) {
        return anyFrame(thread, EXECUTOR_WORKER);
    }

    /** Waiting for work: a pool thread between tasks, or an event loop in its selector wait. */
    public static boolean isIdle(ThreadRecord thread) {
        if (isEventLoop(thread)) {
            return inSelectorWait(thread);
        }
        if (thread.state() == Thread.State.RUNNABLE || thread.state() == Thread.State.BLOCKED) {
            return false;
        }
        return anyFrame(thread, IDLE_WORKER);
    }

    /** In a blocking unary gRPC call ({@code blockingUnaryCall}, {@code ThreadlessExecutor.waitAndDrain}). */
    public static boolean inBlockingUnaryCall(ThreadRecord thread) {
        return anyFrame(thread, BLOCKING_UNARY);
    }

    /** In a blocking server-streaming iterator ({@code BlockingResponseStream.hasNext}/{@code next}) waiting. */
    public static boolean inBlockingStream(ThreadRecord thread) {
        for (StackFrame frame : thread.stack()) {
            if (unshaded(frame).startsWith(BLOCKING_STREAM + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The topmost frame of the application's own code, or null when every frame is the JDK's or a library's. */
    public static StackFrame firstApplicationFrame(ThreadRecord thread) {
        for (StackFrame frame : thread.stack()) {
            if (isApplication(frame)) {
                return frame;
            }
        }
        return null;
    }

    static boolean isApplication(StackFrame frame) {
        String name = unshaded(frame);
        if (frame.className().contains("Grpc$")) {
            return false; // code generated by protoc-gen-grpc-java: the stubs and method handlers
        }
        for (String prefix : LIBRARY_PREFIXES) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The gRPC method of a blocking call, read from the generated stub's frame just below the call: {@code
     * GreeterGrpc$GreeterBlockingStub.sayHello} → {@code Greeter/SayHello}. Null when the call was not made through a
     * generated blocking stub.
     */
    public static String blockingCallMethod(ThreadRecord thread) {
        List<StackFrame> stack = thread.stack();
        for (int i = 0; i < stack.size(); i++) {
            String name = unshaded(stack.get(i));
            if (name.startsWith("io.grpc.stub.ClientCalls")) {
                for (int j = i + 1; j < stack.size(); j++) {
                    StackFrame caller = stack.get(j);
                    if (caller.className().startsWith("io.grpc.")) {
                        continue;
                    }
                    return stubMethod(caller);
                }
            }
        }
        return null;
    }

    private static String stubMethod(StackFrame caller) {
        String className = caller.className();
        int nested = className.lastIndexOf('$');
        if (nested < 0) {
            return null;
        }
        String stub = className.substring(nested + 1);
        int suffix = stub.indexOf("BlockingV2Stub");
        if (suffix < 0) {
            suffix = stub.indexOf("BlockingStub");
        }
        if (suffix <= 0 || caller.methodName().isEmpty()) {
            return null;
        }
        String method = caller.methodName();
        return stub.substring(0, suffix) + "/" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }
}
