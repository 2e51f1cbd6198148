package dev.streamscope.bridge;

import io.grpc.MethodDescriptor.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ConstructorParameters;

/**
 * The same rows as {@link GrpcStreamsMXBean#oldest(int)}, by column: what {@link GrpcStreamsMXBean#oldestTable(int)}
 * returns.
 *
 * <p>Why columns: the MXBean framework maps a {@link StreamRow} list to one {@code CompositeData} per row, and Java
 * serialization writes every row's item map (13 names and boxed values) again, about 218 bytes a row over RMI. This
 * class maps to a single {@code CompositeData} whose items are primitive arrays ({@code long[]}, {@code int[]},
 * {@code boolean[]}) and {@code String[]} dictionaries, open types all, so a reader still needs no bridge class; a row
 * costs about 62 bytes (measured over RMI) and the method, authority and peer texts, which repeat across rows, travel once.
 *
 * <p>Row {@code i} is column element {@code i} of every column, oldest first. A text column is a dictionary plus an
 * index per row ({@code methods[methodIndexes[i]]}); index {@code -1} stands for {@code null}. The age is not sent:
 * it is {@code max(0, readAtEpochMillis - startEpochMillis[i])}, exactly as {@code oldest} computes it.
 *
 * <p>A plain class rather than a record, because Java 17's MXBean mapping does not know records. The arrays are copied
 * in and out, so an instance is immutable.
 */
public final class StreamTable {
    /** The index a text column uses for {@code null}. */
    public static final int NO_TEXT = -1;

    private final long readAtEpochMillis;
    private final long[] ids;
    private final String[] sides;
    private final int[] sideIndexes;
    private final String[] methods;
    private final int[] methodIndexes;
    private final String[] types;
    private final int[] typeIndexes;
    private final String[] authorities;
    private final int[] authorityIndexes;
    private final String[] peers;
    private final int[] peerIndexes;
    private final long[] startEpochMillis;
    private final long[] messagesSent;
    private final long[] messagesReceived;
    private final boolean[] halfClosedLocal;
    private final boolean[] halfClosedRemote;
    private final long[] lastActivityEpochMillis;

    @ConstructorParameters({
        "readAtEpochMillis",
        "ids",
        "sides",
        "sideIndexes",
        "methods",
        "methodIndexes",
        "types",
        "typeIndexes",
        "authorities",
        "authorityIndexes",
        "peers",
        "peerIndexes",
        "startEpochMillis",
        "messagesSent",
        "messagesReceived",
        "halfClosedLocal",
        "halfClosedRemote",
        "lastActivityEpochMillis"
    })
    public StreamTable(
            long readAtEpochMillis,
            long[] ids,
            String[] sides,
            int[] sideIndexes,
            String[] methods,
            int[] methodIndexes,
            String[] types,
            int[] typeIndexes,
            String[] authorities,
            int[] authorityIndexes,
            String[] peers,
            int[] peerIndexes,
            long[] startEpochMillis,
            long[] messagesSent,
            long[] messagesReceived,
            boolean[] halfClosedLocal,
            boolean[] halfClosedRemote,
            long[] lastActivityEpochMillis) {
        this.readAtEpochMillis = readAtEpochMillis;
        this.ids = ids.clone();
        this.sides = sides.clone();
        this.sideIndexes = sideIndexes.clone();
        this.methods = methods.clone();
        this.methodIndexes = methodIndexes.clone();
        this.types = types.clone();
        this.typeIndexes = typeIndexes.clone();
        this.authorities = authorities.clone();
        this.authorityIndexes = authorityIndexes.clone();
        this.peers = peers.clone();
        this.peerIndexes = peerIndexes.clone();
        this.startEpochMillis = startEpochMillis.clone();
        this.messagesSent = messagesSent.clone();
        this.messagesReceived = messagesReceived.clone();
        this.halfClosedLocal = halfClosedLocal.clone();
        this.halfClosedRemote = halfClosedRemote.clone();
        this.lastActivityEpochMillis = lastActivityEpochMillis.clone();
    }

    /** The columns of {@code rows}, all read at {@code readAtEpochMillis}. */
    static StreamTable of(long readAtEpochMillis, List<StreamRow> rows) {
        int count = rows.size();
        Dictionary sides = new Dictionary();
        Dictionary methods = new Dictionary();
        Dictionary types = new Dictionary();
        Dictionary authorities = new Dictionary();
        Dictionary peers = new Dictionary();
        long[] ids = new long[count];
        int[] sideIndexes = new int[count];
        int[] methodIndexes = new int[count];
        int[] typeIndexes = new int[count];
        int[] authorityIndexes = new int[count];
        int[] peerIndexes = new int[count];
        long[] starts = new long[count];
        long[] sent = new long[count];
        long[] received = new long[count];
        boolean[] local = new boolean[count];
        boolean[] remote = new boolean[count];
        long[] lastActivity = new long[count];
        for (int i = 0; i < count; i++) {
            StreamRow row = rows.get(i);
            ids[i] = row.getId();
            sideIndexes[i] =
                    sides.indexOf(row.getSide() == null ? null : row.getSide().name());
            methodIndexes[i] = methods.indexOf(row.getMethod());
            typeIndexes[i] =
                    types.indexOf(row.getType() == null ? null : row.getType().name());
            authorityIndexes[i] = authorities.indexOf(row.getAuthority());
            peerIndexes[i] = peers.indexOf(row.getPeer());
            starts[i] = row.getStartEpochMillis();
            sent[i] = row.getMessagesSent();
            received[i] = row.getMessagesReceived();
            local[i] = row.isHalfClosedLocal();
            remote[i] = row.isHalfClosedRemote();
            lastActivity[i] = row.getLastActivityEpochMillis();
        }
        return new StreamTable(
                readAtEpochMillis,
                ids,
                sides.texts(),
                sideIndexes,
                methods.texts(),
                methodIndexes,
                types.texts(),
                typeIndexes,
                authorities.texts(),
                authorityIndexes,
                peers.texts(),
                peerIndexes,
                starts,
                sent,
                received,
                local,
                remote,
                lastActivity);
    }

    /** When the rows were read, on the target's clock: every row's age is measured to this moment. */
    public long getReadAtEpochMillis() {
        return readAtEpochMillis;
    }

    public long[] getIds() {
        return ids.clone();
    }

    /** The distinct sides ({@code CLIENT}, {@code SERVER}) that {@link #getSideIndexes()} points into. */
    public String[] getSides() {
        return sides.clone();
    }

    public int[] getSideIndexes() {
        return sideIndexes.clone();
    }

    /** The distinct full method names that {@link #getMethodIndexes()} points into. */
    public String[] getMethods() {
        return methods.clone();
    }

    public int[] getMethodIndexes() {
        return methodIndexes.clone();
    }

    /** The distinct method types ({@code UNARY}, …) that {@link #getTypeIndexes()} points into. */
    public String[] getTypes() {
        return types.clone();
    }

    public int[] getTypeIndexes() {
        return typeIndexes.clone();
    }

    /** The distinct authorities that {@link #getAuthorityIndexes()} points into. */
    public String[] getAuthorities() {
        return authorities.clone();
    }

    public int[] getAuthorityIndexes() {
        return authorityIndexes.clone();
    }

    /** The distinct peer addresses that {@link #getPeerIndexes()} points into. */
    public String[] getPeers() {
        return peers.clone();
    }

    public int[] getPeerIndexes() {
        return peerIndexes.clone();
    }

    public long[] getStartEpochMillis() {
        return startEpochMillis.clone();
    }

    public long[] getMessagesSent() {
        return messagesSent.clone();
    }

    public long[] getMessagesReceived() {
        return messagesReceived.clone();
    }

    public boolean[] getHalfClosedLocal() {
        return halfClosedLocal.clone();
    }

    public boolean[] getHalfClosedRemote() {
        return halfClosedRemote.clone();
    }

    public long[] getLastActivityEpochMillis() {
        return lastActivityEpochMillis.clone();
    }

    /** How many rows the table holds. */
    public int size() {
        return ids.length;
    }

    /** Row {@code index} as {@link GrpcStreamsMXBean#oldest(int)} would have returned it at the same moment. */
    public StreamRow row(int index) {
        String side = text(sides, sideIndexes[index]);
        String type = text(types, typeIndexes[index]);
        return new StreamRow(
                ids[index],
                side == null ? null : StreamSide.valueOf(side),
                text(methods, methodIndexes[index]),
                type == null ? null : MethodType.valueOf(type),
                text(authorities, authorityIndexes[index]),
                text(peers, peerIndexes[index]),
                startEpochMillis[index],
                StreamActivity.ageMillis(startEpochMillis[index], readAtEpochMillis),
                messagesSent[index],
                messagesReceived[index],
                halfClosedLocal[index],
                halfClosedRemote[index],
                lastActivityEpochMillis[index]);
    }

    private static String text(String[] dictionary, int index) {
        return index == NO_TEXT ? null : dictionary[index];
    }

    @Override
    public String toString() {
        return "StreamTable[" + ids.length + " rows read at " + readAtEpochMillis + "]";
    }

    /** Texts in first-seen order, each once; {@code null} gets {@link #NO_TEXT}. */
    private static final class Dictionary {
        private final Map<String, Integer> indexes = new HashMap<>();

        int indexOf(String text) {
            return text == null ? NO_TEXT : indexes.computeIfAbsent(text, newText -> indexes.size());
        }

        String[] texts() {
            String[] texts = new String[indexes.size()];
            indexes.forEach((text, index) -> texts[index] = text);
            return texts;
        }
    }
}
