package dev.streamscope.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A connection routed through a tunnel says so once in the recording, however often it reconnects that way. */
class RecorderRouteNoteTest {

    private static final String ROUTE = "Through a tunnel: the JVM's RMI stub names pod-7.invalid:9010, so StreamScope"
            + " sends those connections to 127.0.0.1:19010, the address given (turn off with --no-tunnel-redirect).";

    @Test
    void aRouteIsNotedOnceAndShownWhileConnected() {
        Recorder recorder = new Recorder("127.0.0.1:19010", true, false);
        Instant at = Instant.parse("2026-12-07T08:00:00Z");

        recorder.record(new TargetStatus(TargetState.CONNECTED, "Connected. " + ROUTE, null, 0, ROUTE), at);
        recorder.record(new TargetStatus(TargetState.RECONNECTING, "Lost.", null, 0), at.plusSeconds(5));
        recorder.record(
                new TargetStatus(TargetState.CONNECTED, "Connected. " + ROUTE, null, 0, ROUTE), at.plusSeconds(9));

        assertThat(recorder.notes())
                .filteredOn(note -> note.contains("Through a tunnel"))
                .hasSize(1);
        assertThat(recorder.notes()).anySatisfy(note -> assertThat(note).startsWith(at + ": " + ROUTE));
        assertThat(recorder.connectionNote()).isEqualTo(ROUTE);
    }

    @Test
    void aDirectConnectionNotesNoRoute() {
        Recorder recorder = new Recorder("127.0.0.1:9010", true, false);

        recorder.record(TargetStatus.of(TargetState.CONNECTED, "Connected."), Instant.now());

        assertThat(recorder.notes()).noneSatisfy(note -> assertThat(note).contains("tunnel"));
        assertThat(recorder.connectionNote()).isEmpty();
    }
}
