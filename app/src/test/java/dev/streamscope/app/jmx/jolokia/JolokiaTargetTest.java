package dev.streamscope.app.jmx.jolokia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.session.TargetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a user types as a Jolokia target: the URL, the CA file, and how --jolokia pairs with --channelz. */
class JolokiaTargetTest {

    @Test
    void aUrlWithoutItsTrailingSlashGetsOne() throws TargetProblem {
        JolokiaTarget target = JolokiaTarget.parse(" http://127.0.0.1:8778/jolokia ", " ops ", null, null);

        assertThat(target.url()).isEqualTo("http://127.0.0.1:8778/jolokia/");
        assertThat(target.user()).isEqualTo("ops");
        assertThat(target.hasCredentials()).isTrue();
    }

    @Test
    void aHostAndPortAloneIsNotAnAgentUrlAndTheMessageShowsOne() {
        TargetProblem problem =
                catchThrowableOfType(() -> JolokiaTarget.parse("api-7:8778", null, null, null), TargetProblem.class);

        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.MALFORMED_ADDRESS);
        assertThat(problem.getMessage()).contains("http://127.0.0.1:8778/jolokia/");
    }

    @Test
    void aCaFileForPlainHttpIsRefused() {
        TargetProblem problem = catchThrowableOfType(
                () -> JolokiaTarget.parse("http://api-7:8778/jolokia/", null, null, Path.of("ca.pem")),
                TargetProblem.class);

        assertThat(problem.getMessage()).contains("not https");
    }

    @Test
    void thePasswordIsNeverPrinted() throws TargetProblem {
        JolokiaTarget target =
                JolokiaTarget.parse("https://api-7:8778/jolokia/", "ops", "pw-123".toCharArray(), Path.of("ca.pem"));

        assertThat(target.toString()).contains("ops").doesNotContain("pw-123");
    }

    @Test
    void jolokiaTargetsFollowTheJmxOnesWhenPairedWithChannelz() throws Exception {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options)
                .parseArgs(
                        "--jmx", "a:9010",
                        "--jolokia", "http://b:8778/jolokia/",
                        "--channelz", "a:50051",
                        "--channelz", "b:50051",
                        "--jolokia-user", "ops");

        List<TargetSpec> targets = options.targets(null);

        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).jmx().address()).isEqualTo("a:9010");
        assertThat(targets.get(1).jmx()).isInstanceOfSatisfying(JolokiaTarget.class, jolokia -> {
            assertThat(jolokia.url()).isEqualTo("http://b:8778/jolokia/");
            assertThat(jolokia.user()).isEqualTo("ops");
        });
        assertThat(targets.get(1).channelz().address()).isEqualTo(new ChannelzAddress("b", 50051));
    }
}
