package dev.streamscope.app.fleet;

/**
 * One method on one side of a fleet instance at one refresh, from a standard family ({@link FleetSource}).
 *
 * @param method the full method name, e.g. {@code grpc.health.v1.Health/Watch}
 * @param side {@code server} (a client somewhere never closes) or {@code client} (this instance never closes)
 * @param inFlight calls started and not finished
 * @param perMinute the fitted rise per minute over the trend window when it rises steadily (the target tab's rule,
 *     {@code StreamGrowth}), else 0; counter resets do not count as a rise
 * @param growing whether it rises steadily
 * @param oldestAgeSeconds the oldest call's age where the family knows it (a long-task timer), else NaN
 * @param sparkline calls in flight over the trend window
 */
public record FleetMethod(
        String method,
        String side,
        double inFlight,
        double perMinute,
        boolean growing,
        double oldestAgeSeconds,
        Sparkline sparkline) {}
