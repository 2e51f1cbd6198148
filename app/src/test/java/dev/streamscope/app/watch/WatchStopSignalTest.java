package dev.streamscope.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.StreamScopeMain;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.recording.Verdict;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ChannelzService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscope --headless --watch} as a service manager runs it: SIGTERM ends it, and it writes what it has. */
class WatchStopSignalTest {

    @TempDir
    Path temporary;

    @Test
    void sigtermEndsTheWatchWithTheKeptHistoryWrittenAndItsVerdictsStatus() throws Exception {
        Server channelz = NettyServerBuilder.forAddress(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create())
                .addService(ChannelzService.newInstance(100))
                .build()
                .start();
        Path out = temporary.resolve("watch");
        Path stdout = temporary.resolve("stdout.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                StreamScopeMain.class.getName(),
                "--headless",
                "--watch",
                "--channelz",
                "127.0.0.1:" + channelz.getPort(),
                "--interval",
                "500ms",
                "--out",
                out.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(stdout.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .failFast(() -> !process.isAlive())
                    .until(() -> Files.exists(out.resolve(WatchLog.FILE))
                            && Files.readString(out.resolve(WatchLog.FILE)).contains("\"state\":\"connected\""));

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(stdout);
            // seconds of an idle server prove neither growth (1 min) nor age: inconclusive, not healthy
            assertThat(process.exitValue()).as(printed).isEqualTo(Verdict.INCONCLUSIVE.exitStatus());
            assertThat(Files.readString(out.resolve(WatchLog.FILE)))
                    .contains("\"event\":\"stopped\"")
                    .contains("\"verdict\":\"inconclusive\"");
            Path end;
            try (Stream<Path> entries = Files.list(out)) {
                end = entries.filter(entry -> entry.getFileName().toString().startsWith(Watch.END_FOLDER_PREFIX))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no " + Watch.END_FOLDER_PREFIX + " folder: " + printed));
            }
            assertThat(end.resolve(RecordingFiles.SUMMARY)).isNotEmptyFile();
            assertThat(end.resolve(RecordingFiles.CHANNELZ)).isNotEmptyFile();
            assertThat(printed).contains("the watch ended; inconclusive");
        } finally {
            process.destroyForcibly();
            channelz.shutdownNow();
        }
    }
}
