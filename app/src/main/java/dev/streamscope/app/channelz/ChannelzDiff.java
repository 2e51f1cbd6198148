package dev.streamscope.app.channelz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two snapshots, by entity: the tree view applies it row by row instead of rebuilding. An entity
 * is changed when its own data changed (name, state, counters, timestamps, addresses, security); its children coming
 * and going show up as their own additions and removals. Sets keep tree order (parents before children).
 *
 * @param added entities in the current snapshot and not in the previous one
 * @param removed entities in the previous snapshot and not in the current one
 * @param changed entities in both whose own data differ
 */
public record ChannelzDiff(Set<EntityKey> added, Set<EntityKey> removed, Set<EntityKey> changed) {

    public ChannelzDiff {
        added = Collections.unmodifiableSet(new LinkedHashSet<>(added));
        removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
        changed = Collections.unmodifiableSet(new LinkedHashSet<>(changed));
    }

    /** The difference from {@code previous} (may be {@code null}: everything is added) to {@code current}. */
    public static ChannelzDiff between(ChannelzSnapshot previous, ChannelzSnapshot current) {
        Objects.requireNonNull(current, "current");
        Map<EntityKey, Object> before = previous == null ? Map.of() : ownData(previous);
        Map<EntityKey, Object> after = ownData(current);
        Set<EntityKey> added = new LinkedHashSet<>();
        Set<EntityKey> changed = new LinkedHashSet<>();
        after.forEach((key, data) -> {
            if (!before.containsKey(key)) {
                added.add(key);
            } else if (!Objects.equals(before.get(key), data)) {
                changed.add(key);
            }
        });
        Set<EntityKey> removed = new LinkedHashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        return new ChannelzDiff(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Every entity of a snapshot with what belongs to it alone, in tree order. */
    private static Map<EntityKey, Object> ownData(ChannelzSnapshot snapshot) {
        Map<EntityKey, Object> entities = new LinkedHashMap<>();
        snapshot.topChannels().forEach(channel -> addChannel(channel, entities));
        for (ServerNode server : snapshot.servers()) {
            entities.put(server.key(), new Own(server.key().name(), server.data()));
            server.listenSockets().forEach(socket -> addSocket(socket, entities));
            server.serverSockets().forEach(socket -> addSocket(socket, entities));
        }
        return entities;
    }

    private static void addChannel(ChannelNode channel, Map<EntityKey, Object> entities) {
        entities.put(channel.key(), new Own(channel.key().name(), channel.data()));
        channel.channels().forEach(child -> addChannel(child, entities));
        channel.subchannels().forEach(child -> addChannel(child, entities));
        channel.sockets().forEach(socket -> addSocket(socket, entities));
    }

    private static void addSocket(SocketNode socket, Map<EntityKey, Object> entities) {
        entities.put(socket.key(), new Own(socket.key().name(), socket));
    }

    /** The name is compared too: {@link EntityKey} equality ignores it. */
    private record Own(String name, Object data) {}
}
