package dev.streamscope.app.ui.channelz;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** The tree model alone: TreeItems are plain objects, so no toolkit is needed. */
class ChannelzTreeModelTest {

    private final ChannelzTreeModel model = new ChannelzTreeModel();

    @Test
    void showsChannelsWithTheirSubchannelsAndSocketsAndServersWithTheirSockets() {
        model.apply(ChannelzSnapshots.manyChannels(3, 4, 0, -1));

        TreeItem<ChannelzRow> channels = model.root().getChildren().get(0);
        TreeItem<ChannelzRow> servers = model.root().getChildren().get(1);
        assertThat(channels.getValue().name()).isEqualTo("Channels (3)");
        TreeItem<ChannelzRow> subchannel =
                channels.getChildren().get(0).getChildren().get(0);
        assertThat(subchannel.getValue().name()).startsWith("subchannel ");
        assertThat(subchannel.getChildren().get(0).getValue().open()).isEqualTo(4);
        assertThat(servers.getChildren().get(0).getChildren()).hasSize(1 + 3); // listen socket + connections
        assertThat(model.size()).isEqualTo(3 * 3 + 1 + 1 + 3);
    }

    @Test
    void aRefreshUpdatesRowsInPlaceSoExpansionAndSelectionSurvive() {
        model.apply(ChannelzSnapshots.manyChannels(3, 4, 0, -1));
        TreeItem<ChannelzRow> firstChannel =
                model.root().getChildren().get(0).getChildren().get(0);
        firstChannel.setExpanded(true);
        long startedBefore = firstChannel.getValue().started();

        model.apply(ChannelzSnapshots.manyChannels(3, 4, 5, -1));

        TreeItem<ChannelzRow> afterRefresh =
                model.root().getChildren().get(0).getChildren().get(0);
        assertThat(afterRefresh).isSameAs(firstChannel);
        assertThat(afterRefresh.isExpanded()).isTrue();
        assertThat(afterRefresh.getValue().started()).isGreaterThan(startedBefore);
    }

    @Test
    void closedEntitiesGoAndNewOnesAppear() {
        model.apply(ChannelzSnapshots.manyChannels(3, 4, 0, -1));
        TreeItem<ChannelzRow> third =
                model.root().getChildren().get(0).getChildren().get(2);

        model.apply(ChannelzSnapshots.manyChannels(3, 4, 1, 1));
        assertThat(model.root().getChildren().get(0).getChildren()).hasSize(2).contains(third);

        model.apply(ChannelzSnapshots.manyChannels(4, 4, 2, -1));
        assertThat(model.root().getChildren().get(0).getChildren()).hasSize(4);
        assertThat(model.root().getChildren().get(0).getChildren().get(2)).isSameAs(third);
    }

    @Test
    void theFilterNarrowsTheTopLevelByAnyNameInItsSubtree() {
        model.apply(ChannelzSnapshots.manyChannels(3, 4, 0, -1));

        model.filter("inventory:7001");
        assertThat(model.root().getChildren().get(0).getChildren())
                .extracting(item -> item.getValue().name())
                .containsExactly("dns:///inventory:7001");

        model.filter("127.0.0.1:40002"); // a socket's address finds its channel and the server
        assertThat(model.root().getChildren().get(0).getChildren()).hasSize(1);
        assertThat(model.root().getChildren().get(1).getChildren()).hasSize(1);

        model.filter("");
        assertThat(model.root().getChildren().get(0).getChildren()).hasSize(3);
    }
}
