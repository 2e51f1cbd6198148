package dev.streamscope.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.sample.PollCost;
import org.junit.jupiter.api.Test;

class TickCostsTest {

    @Test
    void theMeanCoversTheLastTenTicksSoAFullReadEveryTenthDoesNotMakeTheFigureJump() {
        TickCosts costs = new TickCosts();
        assertThat(costs.mean()).isEqualTo(PollCost.UNKNOWN);

        for (int tick = 0; tick < 25; tick++) {
            costs.add(tick % 10 == 0 ? new PollCost(14, 1_000, 11_000) : new PollCost(5, 800, 3_000));
        }

        // one full read and nine light ones in any ten ticks in a row
        assertThat(costs.mean()).isEqualTo(new PollCost(6, 820, 3_800));
    }

    @Test
    void unmeteredTicksAreLeftOutOfTheMean() {
        TickCosts costs = new TickCosts();
        costs.add(PollCost.UNKNOWN);
        costs.add(new PollCost(4, 100, 200));

        assertThat(costs.mean()).isEqualTo(new PollCost(4, 100, 200));
    }
}
