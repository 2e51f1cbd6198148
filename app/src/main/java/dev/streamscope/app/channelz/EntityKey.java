package dev.streamscope.app.channelz;

import java.util.Objects;

/**
 * Identifies one channelz entity. Ids are unique per kind only: channelz promises no more, so a channel and a socket
 * may share a number on some peers.
 *
 * @param kind what sort of entity
 * @param id its channelz id
 * @param name its reference name as the peer gave it (may be empty); not part of equality
 */
public record EntityKey(Kind kind, long id, String name) {

    /** The four id spaces of channelz. */
    public enum Kind {
        CHANNEL,
        SUBCHANNEL,
        SERVER,
        SOCKET
    }

    public EntityKey {
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
    }

    public static EntityKey of(Kind kind, long id) {
        return new EntityKey(kind, id, "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntityKey that && kind == that.kind && id == that.id;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id);
    }
}
