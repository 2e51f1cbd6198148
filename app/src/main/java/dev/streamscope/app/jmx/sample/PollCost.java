package dev.streamscope.app.jmx.sample;

/** What one tick cost the target: JMX round trips and bytes written to and read from the wire. */
public record PollCost(int roundTrips, long bytesSent, long bytesReceived) {

    public static final PollCost UNKNOWN = new PollCost(0, 0, 0);
}
