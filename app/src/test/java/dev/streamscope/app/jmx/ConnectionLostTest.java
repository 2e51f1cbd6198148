package dev.streamscope.app.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.target.TargetProblem;
import dev.streamscope.app.target.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConnectionLostTest {

    @Test
    void onLostFiresOnceWhenTheTargetDies() throws Exception {
        try (ChildJvm child = ChildJvm.start("quiet")) {
            JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT);
            try {
                List<TargetProblem> lost = new CopyOnWriteArrayList<>();
                connection.onLost(lost::add);

                child.kill();

                await().atMost(Duration.ofSeconds(30)).until(() -> !lost.isEmpty());
                await().during(Duration.ofMillis(300))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> lost.size() == 1);
                assertThat(lost).singleElement().satisfies(problem -> {
                    assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST);
                    assertThat(problem.getMessage()).contains("Lost the JMX connection");
                });
                assertThatThrownBy(connection::sample)
                        .isInstanceOfSatisfying(
                                TargetProblem.class,
                                problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST));
                List<TargetProblem> late = new CopyOnWriteArrayList<>();
                connection.onLost(late::add);
                assertThat(late)
                        .as("a listener added after the loss hears of it at once")
                        .hasSize(1);
            } finally {
                connection.close();
            }
        }
    }
}
