package dev.streamscope.bridge;

import io.grpc.Attributes;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import java.lang.StackWalker.StackFrame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Decides which streams get their creation site recorded and interns the sites, so that a tracked stream carries a
 * reference and the registry can count per site in arrays indexed by {@link CreationSite#id}.
 *
 * <p>Bounded: at most {@link #MAX_SITES} recorded sites and {@link #MAX_METHODS} methods per side; past that a stream
 * counts in its method's {@link SiteKind#NOT_SAMPLED} group, or in one shared group for further methods. Methods are
 * keyed by their {@code MethodDescriptor} (identity: generated code holds one per method), so the path of a stream
 * that is not sampled is one map read, a read of the method's token bucket and one atomic add (its weight for the
 * next sample); nothing is allocated.
 *
 * <p>Weights: a sampled stream stands for itself and the streams of its method left unsampled since the method's
 * previous sample ({@link TrackedStream#weight()}). Summed over a site's open streams they estimate how many of the
 * method's open streams were opened there: which line opened an unsampled stream is as likely as for its sampled
 * neighbours, so the estimate is unbiased (profilers scale samples the same way).
 */
final class CreationSites {
    static final int MAX_SITES = 1024;
    static final int MAX_METHODS = 1024;
    static final String OTHER_METHODS = "(more methods than the bridge groups)";
    /** Frames remembered for their site; several may share one (calls on one line), past this a walk builds the text. */
    static final int MAX_FRAME_KEYS = 4 * MAX_SITES;

    /**
     * Fetches 16 frames in its first batch: the bridge's, grpc-java's stub utilities and the application's frame
     * usually fit. Measured: a first batch of 8 needed a second one and made more garbage (2.9 KB a walk, not 2.6).
     */
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(), 16);
    /** The bridge's own frames, skipped like the plumbing wherever they stand above the application frame. */
    private static final Set<String> OWN_CLASSES =
            Set.of(CreationSites.class.getName(), TrackedClientCall.class.getName());

    private volatile SiteSampling sampling;
    private final MillisClock clock;
    /** The walks of the whole bridge, all methods together. */
    private final WalkBudget processBudget = new WalkBudget();

    private final ConcurrentHashMap<MethodDescriptor<?, ?>, MethodSites> clientMethods = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MethodDescriptor<?, ?>, MethodSites> serverMethods = new ConcurrentHashMap<>();
    private final AtomicInteger recordedSites = new AtomicInteger();
    private final AtomicReferenceArray<CreationSite> byId = new AtomicReferenceArray<>(MAX_SITES + 2 * MAX_METHODS + 2);
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger frameKeys = new AtomicInteger();
    private final MethodSites otherClientMethods;
    private final MethodSites otherServerMethods;

    CreationSites(SiteSampling sampling, MillisClock clock) {
        this.sampling = sampling;
        this.clock = clock;
        this.otherClientMethods = new MethodSites(this, StreamSide.CLIENT, OTHER_METHODS);
        this.otherServerMethods = new MethodSites(this, StreamSide.SERVER, OTHER_METHODS);
    }

    SiteSampling sampling() {
        return sampling;
    }

    void sampling(SiteSampling sampling) {
        this.sampling = sampling;
    }

    /** How many sites exist; ids run from 0 to this, exclusive. */
    int count() {
        return Math.min(nextId.get(), byId.length());
    }

    /** The site with this id; null for an id being created right now. */
    CreationSite site(int id) {
        return byId.get(id);
    }

    /**
     * The site of a client stream being started by the calling thread: walks its stack when sampled, and then gives
     * the stream its weight.
     */
    CreationSite clientSite(MethodDescriptor<?, ?> method, TrackedStream stream) {
        MethodSites methodSites = methodSites(clientMethods, method, StreamSide.CLIENT, otherClientMethods);
        SiteSampling current = sampling;
        if (!methodSites.sample(current, processBudget, clock)) {
            return methodSites.notSampled;
        }
        return methodSites.weigh(walk(methodSites, current), stream);
    }

    private CreationSite walk(MethodSites methodSites, SiteSampling current) {
        try {
            StackFrame first = WALKER.walk(stack -> firstApplicationFrame(stack, current));
            if (first == null) {
                return methodSites.notSampled;
            }
            // A known frame is found by class, method and bytecode index: no line number looked up, no text built.
            FrameKey key = new FrameKey(first.getClassName(), first.getMethodName(), first.getByteCodeIndex());
            CreationSite known = methodSites.byFrame.get(key);
            if (known != null) {
                return known;
            }
            CreationSite site = intern(
                    methodSites,
                    SiteKind.CLIENT_CALL,
                    text(first),
                    () -> frameTexts(
                            WALKER.walk(stack -> applicationFrames(stack, current, SiteSampling.KEPT_FRAMES))));
            if (site != methodSites.notSampled
                    && frameKeys.get() < MAX_FRAME_KEYS
                    && methodSites.byFrame.putIfAbsent(key, site) == null) {
                frameKeys.incrementAndGet();
            }
            return site;
        } catch (RuntimeException unexpected) {
            // Tracking must not fail the call; the stream counts as not sampled.
            return methodSites.notSampled;
        }
    }

    /** The site of a server stream: the method and the remote client's host, when sampled, with its weight. */
    CreationSite serverSite(ServerCall<?, ?> call, TrackedStream stream) {
        MethodSites methodSites =
                methodSites(serverMethods, call.getMethodDescriptor(), StreamSide.SERVER, otherServerMethods);
        if (!methodSites.sample(sampling, processBudget, clock)) {
            return methodSites.notSampled;
        }
        CreationSite site;
        try {
            site = intern(
                    methodSites,
                    SiteKind.SERVER_METHOD,
                    "remote client " + host(call.getAttributes()),
                    () -> CreationSite.NO_FRAMES);
        } catch (RuntimeException unexpected) {
            site = methodSites.notSampled;
        }
        return methodSites.weigh(site, stream);
    }

    private MethodSites methodSites(
            ConcurrentHashMap<MethodDescriptor<?, ?>, MethodSites> methods,
            MethodDescriptor<?, ?> method,
            StreamSide side,
            MethodSites other) {
        MethodSites known = methods.get(method);
        if (known != null) {
            return known;
        }
        if (methods.size() >= MAX_METHODS) {
            return other;
        }
        MethodSites created = methods.computeIfAbsent(method, m -> new MethodSites(this, side, m.getFullMethodName()));
        return created.notSampled == null ? other : created;
    }

    private CreationSite intern(MethodSites methodSites, SiteKind kind, String site, Supplier<String[]> frames) {
        CreationSite known = methodSites.sites.get(site);
        if (known != null) {
            return known;
        }
        if (recordedSites.get() >= MAX_SITES) {
            methodSites.skipped();
            return methodSites.notSampled;
        }
        String[] frameTexts = frames.get();
        CreationSite created = methodSites.sites.computeIfAbsent(site, text -> {
            recordedSites.incrementAndGet();
            return newSite(kind, methodSites.side, methodSites.method, text, frameTexts, methodSites);
        });
        return created == null ? methodSites.notSampled : created;
    }

    /** A new site with the next id, or null when the ids are used up (the maps' bounds are checked without a lock). */
    private CreationSite newSite(
            SiteKind kind, StreamSide side, String method, String site, String[] frames, MethodSites owner) {
        int id = nextId.getAndIncrement();
        if (id >= byId.length()) {
            return null;
        }
        CreationSite created = new CreationSite(id, kind, side, method, site, frames, owner);
        byId.set(id, created);
        return created;
    }

    /** The first application frame; the deepest frame seen when none is within {@link SiteSampling#MAX_DEPTH}. */
    private static StackFrame firstApplicationFrame(Stream<StackFrame> stack, SiteSampling sampling) {
        StackFrame deepest = null;
        Iterator<StackFrame> frames = stack.limit(SiteSampling.MAX_DEPTH).iterator();
        while (frames.hasNext()) {
            StackFrame frame = frames.next();
            if (!OWN_CLASSES.contains(frame.getClassName()) && !sampling.skips(frame.getClassName())) {
                return frame;
            }
            deepest = frame;
        }
        return deepest;
    }

    /**
     * The first application frame and up to {@code count - 1} of its callers; the deepest frame seen when the walk
     * finds none within {@link SiteSampling#MAX_DEPTH}; nothing for an empty stack.
     */
    private static List<StackFrame> applicationFrames(Stream<StackFrame> stack, SiteSampling sampling, int count) {
        List<StackFrame> kept = new ArrayList<>(count);
        StackFrame deepest = null;
        Iterator<StackFrame> frames = stack.limit(SiteSampling.MAX_DEPTH).iterator();
        while (frames.hasNext() && kept.size() < count) {
            StackFrame frame = frames.next();
            String className = frame.getClassName();
            if (kept.isEmpty() && (OWN_CLASSES.contains(className) || sampling.skips(className))) {
                deepest = frame;
            } else {
                kept.add(frame);
            }
        }
        if (kept.isEmpty() && deepest != null) {
            kept.add(deepest);
        }
        return kept;
    }

    private static String[] frameTexts(List<StackFrame> frames) {
        String[] texts = new String[frames.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = text(frames.get(i));
        }
        return texts;
    }

    /** As a stack trace prints it, without module or class loader: {@code com.acme.Client.watch(Client.java:88)}. */
    static String text(StackFrame frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    /** The remote client's host without the port: one site per client host rather than per connection. */
    static String host(Attributes attributes) {
        SocketAddress address = StreamActivity.remoteAddress(attributes);
        if (address instanceof InetSocketAddress) {
            InetAddress inet = ((InetSocketAddress) address).getAddress();
            return inet != null ? inet.getHostAddress() : ((InetSocketAddress) address).getHostString();
        }
        return address == null ? "unknown" : address.toString();
    }

    /** One method's sampling state and its group of streams whose site was not recorded. */
    static final class MethodSites {
        private static final VarHandle UNWEIGHED =
                StreamActivity.field(MethodHandles.lookup(), "unweighed", long.class);

        final StreamSide side;
        final String method;
        /** Null only when the ids ran out, and then the method is never used. */
        final CreationSite notSampled;
        /** This method's recorded sites by their text. */
        final ConcurrentHashMap<String, CreationSite> sites = new ConcurrentHashMap<>();
        /** The same sites by the frame that opened them, so a sampled call on a known line builds no text. */
        final ConcurrentHashMap<FrameKey, CreationSite> byFrame = new ConcurrentHashMap<>();

        private volatile int seen;
        private volatile boolean skippedAny;
        /** This method's walks. */
        private final WalkBudget budget = new WalkBudget();
        /** Streams of this method not sampled since its last sample: the next sample stands for them too. */
        @SuppressWarnings("unused") // through UNWEIGHED
        private volatile long unweighed;

        MethodSites(CreationSites sites, StreamSide side, String method) {
            this.side = side;
            this.method = method;
            this.notSampled = sites.newSite(SiteKind.NOT_SAMPLED, side, method, null, CreationSite.NO_FRAMES, this);
        }

        /**
         * The first streams always; then while the method's and the bridge's token buckets both hold a walk (the
         * method's is only read first, so a refusal writes nothing to the shared bucket); or one in
         * {@code sampleEvery} at random. A stream not sampled adds one to the next sample's weight.
         */
        boolean sample(SiteSampling sampling, WalkBudget processBudget, MillisClock clock) {
            int seenSoFar = seen;
            if (seenSoFar < sampling.alwaysFirst()) {
                // Racy on purpose: two threads may both take the last place, which only records one more site.
                seen = seenSoFar + 1;
                return true;
            }
            long perMethod = sampling.perMethodIntervalMicros;
            if (perMethod > 0) {
                long now = clock.millis();
                if (budget.available(now, perMethod)
                        && processBudget.take(now, sampling.processIntervalMicros)
                        && budget.take(now, perMethod)) {
                    return true;
                }
            }
            int every = sampling.sampleEvery();
            if (every == 1 || (every > 1 && ThreadLocalRandom.current().nextInt(every) == 0)) {
                return true;
            }
            if (perMethod == 0 && every == 0) {
                // sampling is off: no sample will carry a weight, so none is counted (no atomic add)
                skipped();
                return false;
            }
            notSampled();
            return false;
        }

        /** A stream of this method that gets no site: counted for the next sample's weight. */
        void notSampled() {
            UNWEIGHED.getAndAdd(this, 1L);
            skipped();
        }

        /**
         * A sampled stream found its site: it stands for itself and the streams unsampled since the last sample.
         * One that found no site (the table is full) is left unsampled, so the next sample stands for it.
         */
        CreationSite weigh(CreationSite site, TrackedStream stream) {
            if (site == notSampled) {
                notSampled();
                return site;
            }
            long weight = 1 + (long) UNWEIGHED.getAndSet(this, 0L);
            stream.weigh((int) Math.min(weight, Integer.MAX_VALUE));
            return site;
        }

        void skipped() {
            if (!skippedAny) {
                skippedAny = true;
            }
        }

        boolean skippedAny() {
            return skippedAny;
        }
    }

    /** A frame by class, method and bytecode index: what a walk knows before it looks up a line number. */
    static final class FrameKey {
        private final String className;
        private final String methodName;
        private final int byteCodeIndex;

        FrameKey(String className, String methodName, int byteCodeIndex) {
            this.className = className;
            this.methodName = methodName;
            this.byteCodeIndex = byteCodeIndex;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof FrameKey)) {
                return false;
            }
            FrameKey that = (FrameKey) other;
            return byteCodeIndex == that.byteCodeIndex
                    && className.equals(that.className)
                    && methodName.equals(that.methodName);
        }

        @Override
        public int hashCode() {
            return (className.hashCode() * 31 + methodName.hashCode()) * 31 + byteCodeIndex;
        }
    }
}
