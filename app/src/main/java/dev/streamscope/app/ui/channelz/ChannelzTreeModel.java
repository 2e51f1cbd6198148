package dev.streamscope.app.ui.channelz;

import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.EntityKey;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.TreeItem;

/**
 * The channelz tree, kept in place across refreshes: each snapshot is diffed into the existing items by entity key.
 * A row whose data changed gets a new value in the same {@link TreeItem}; new entities are added under their parent;
 * closed ones are removed. Items are never rebuilt, so the user's expansion, selection and scroll position survive.
 * Lives on the FX thread.
 */
final class ChannelzTreeModel {

    private final TreeItem<ChannelzRow> root = new TreeItem<>(ChannelzRow.group("channelz"));
    private final TreeItem<ChannelzRow> channels = new TreeItem<>(ChannelzRow.group("Channels"));
    private final TreeItem<ChannelzRow> servers = new TreeItem<>(ChannelzRow.group("Servers"));
    private final Map<EntityKey, TreeItem<ChannelzRow>> items = new HashMap<>();
    /** Every top-level item, filtered or not, in snapshot order. */
    private final List<TreeItem<ChannelzRow>> topChannels = new ArrayList<>();

    private final List<TreeItem<ChannelzRow>> topServers = new ArrayList<>();
    private String filter = "";

    ChannelzTreeModel() {
        root.getChildren().setAll(List.of(channels, servers));
        channels.setExpanded(true);
        servers.setExpanded(true);
    }

    TreeItem<ChannelzRow> root() {
        return root;
    }

    /** Diffs {@code snapshot} into the tree. */
    void apply(ChannelzSnapshot snapshot) {
        Set<EntityKey> seen = new HashSet<>();
        topChannels.clear();
        for (ChannelNode channel : snapshot.topChannels()) {
            topChannels.add(placeChannel(channel, seen));
        }
        topServers.clear();
        for (ServerNode server : snapshot.servers()) {
            TreeItem<ChannelzRow> item = place(server.key(), ChannelzRow.of(server), seen);
            List<TreeItem<ChannelzRow>> children = new ArrayList<>();
            for (SocketNode socket : server.listenSockets()) {
                children.add(place(socket.key(), ChannelzRow.of(socket), seen));
            }
            for (SocketNode socket : server.serverSockets()) {
                children.add(place(socket.key(), ChannelzRow.of(socket), seen));
            }
            setChildren(item, children);
            topServers.add(item);
        }
        items.keySet().retainAll(seen);
        applyFilter();
    }

    /** Narrows the top level to channels and servers whose subtree names {@code text}; blank shows everything. */
    void filter(String text) {
        filter = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        applyFilter();
    }

    int size() {
        return items.size();
    }

    private TreeItem<ChannelzRow> placeChannel(ChannelNode channel, Set<EntityKey> seen) {
        TreeItem<ChannelzRow> item = place(channel.key(), ChannelzRow.of(channel), seen);
        List<TreeItem<ChannelzRow>> children = new ArrayList<>();
        for (ChannelNode nested : channel.channels()) {
            children.add(placeChannel(nested, seen));
        }
        for (ChannelNode subchannel : channel.subchannels()) {
            children.add(placeChannel(subchannel, seen));
        }
        for (SocketNode socket : channel.sockets()) {
            children.add(place(socket.key(), ChannelzRow.of(socket), seen));
        }
        setChildren(item, children);
        return item;
    }

    private TreeItem<ChannelzRow> place(EntityKey key, ChannelzRow row, Set<EntityKey> seen) {
        seen.add(key);
        TreeItem<ChannelzRow> item = items.get(key);
        if (item == null) {
            item = new TreeItem<>(row);
            items.put(key, item);
        } else if (!row.equals(item.getValue())) {
            item.setValue(row);
        }
        return item;
    }

    /** Touches the children list only when it really changed, so an unchanged subtree costs no layout. */
    private static void setChildren(TreeItem<ChannelzRow> parent, List<TreeItem<ChannelzRow>> children) {
        if (!parent.getChildren().equals(children)) {
            parent.getChildren().setAll(children);
        }
    }

    private void applyFilter() {
        setChildren(channels, filtered(topChannels));
        setChildren(servers, filtered(topServers));
        channels.setValue(ChannelzRow.group("Channels (" + topChannels.size() + ")"));
        servers.setValue(ChannelzRow.group("Servers (" + topServers.size() + ")"));
    }

    private List<TreeItem<ChannelzRow>> filtered(List<TreeItem<ChannelzRow>> top) {
        if (filter.isEmpty()) {
            return top;
        }
        return top.stream().filter(this::subtreeMatches).toList();
    }

    private boolean subtreeMatches(TreeItem<ChannelzRow> item) {
        return item.getValue().matches(filter) || item.getChildren().stream().anyMatch(this::subtreeMatches);
    }
}
