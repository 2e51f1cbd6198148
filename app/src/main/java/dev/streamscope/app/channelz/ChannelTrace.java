package dev.streamscope.app.channelz;

import java.time.Instant;
import java.util.List;

/**
 * The recent history of a channel, subchannel or server.
 *
 * @param eventsLogged how many events the peer has logged in all, more than {@code events} once it dropped old ones
 * @param created when the entity was created, or {@code null} when the peer did not say
 * @param events the events the peer still holds, oldest first as sent
 */
public record ChannelTrace(long eventsLogged, Instant created, List<ChannelTraceEvent> events) {

    public ChannelTrace {
        events = List.copyOf(events);
    }
}
