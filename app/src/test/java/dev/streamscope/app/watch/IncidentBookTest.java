package dev.streamscope.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.SettableClock;
import dev.streamscope.app.watch.IncidentBook.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping between a trigger and a folder, on a clock the test moves (the only fake here: waiting 30 minutes
 * for a real cooldown is not a test).
 */
class IncidentBookTest {

    private static final Duration COOLDOWN = Duration.ofMinutes(30);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T08:00:00Z"));

    @Test
    void aKindOpensOncePerCooldownAndOtherKindsAreNotHeldBack() {
        IncidentBook book = new IncidentBook(COOLDOWN, 20, 0, clock);

        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.OPEN);
        clock.move(Duration.ofMinutes(1));
        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.COOLING_DOWN);
        assertThat(book.coolingUntil(TriggerKind.GROWING)).isEqualTo(Instant.parse("2026-12-07T08:30:00Z"));
        assertThat(book.consider(TriggerKind.OVERDUE)).as("another kind").isEqualTo(Decision.OPEN);

        clock.move(Duration.ofMinutes(29).minusMillis(1));
        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.COOLING_DOWN);
        clock.move(Duration.ofMillis(1));
        assertThat(book.consider(TriggerKind.GROWING)).as("a cooldown later").isEqualTo(Decision.OPEN);
        assertThat(book.coolingUntil(TriggerKind.GROWING)).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(book.incidents()).isEqualTo(3);
    }

    @Test
    void whenTheCapIsReachedNoNewFolderIsOpenedAndFoldersFoundAtTheStartCount() {
        IncidentBook book = new IncidentBook(Duration.ofSeconds(1), 3, 1, clock);

        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.OPEN);
        assertThat(book.consider(TriggerKind.LIVE_SET)).isEqualTo(Decision.OPEN);
        assertThat(book.full()).as("one found + two opened").isTrue();
        assertThat(book.consider(TriggerKind.THREADS)).isEqualTo(Decision.FULL);
        clock.move(Duration.ofHours(5));
        assertThat(book.consider(TriggerKind.GROWING))
                .as("a cooldown does not free a place")
                .isEqualTo(Decision.FULL);
        assertThat(book.incidents()).isEqualTo(3);
    }

    @Test
    void aCooldownIsReportedBeforeTheCapSoTheLogSaysWhichHeldItBack() {
        IncidentBook book = new IncidentBook(COOLDOWN, 1, 0, clock);

        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.OPEN);
        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.COOLING_DOWN);
        assertThat(book.consider(TriggerKind.OVERDUE)).isEqualTo(Decision.FULL);
    }

    @Test
    void aTriggerFiringWhileAnIncidentRecordsJoinsItTakesNoPlaceAndStartsItsOwnCooldown() {
        IncidentBook book = new IncidentBook(COOLDOWN, 1, 0, clock);

        assertThat(book.consider(TriggerKind.GROWING)).isEqualTo(Decision.OPEN);
        clock.move(Duration.ofSeconds(12));
        assertThat(book.consider(TriggerKind.OVERDUE, true))
                .as("the cap is reached, yet joining needs no new folder")
                .isEqualTo(Decision.JOIN);
        assertThat(book.incidents()).isEqualTo(1);
        clock.move(Duration.ofMinutes(10));
        assertThat(book.consider(TriggerKind.OVERDUE, true)).isEqualTo(Decision.COOLING_DOWN);
        assertThat(book.coolingUntil(TriggerKind.OVERDUE)).isEqualTo(Instant.parse("2026-12-07T08:30:12Z"));
    }

    @Test
    void triggersParseAsTheCommandLineSpellsThemAndAnUnknownOneIsNamed() {
        assertThat(TriggerKind.parse("growing, live-set"))
                .containsExactlyInAnyOrder(TriggerKind.GROWING, TriggerKind.LIVE_SET);
        assertThatThrownBy(() -> TriggerKind.parse("growing,leaking"))
                .hasMessageContaining("\"leaking\"")
                .hasMessageContaining("growing,overdue,live-set,threads");
    }
}
