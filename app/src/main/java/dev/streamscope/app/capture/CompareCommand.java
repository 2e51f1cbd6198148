package dev.streamscope.app.capture;

import dev.streamscope.app.archive.RecordingComparison;
import dev.streamscope.app.archive.RecordingProblem;
import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.recording.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --compare BEFORE AFTER [--out DIR]}: the before/after table of two recordings, with no window. */
public final class CompareCommand {

    private CompareCommand() {}

    /** @return 0, 64 when a folder is not a readable recording, 1 when the files could not be written */
    public static int run(Path before, Path after, String out, PrintStream stdout, PrintStream err) {
        SavedRecording was;
        SavedRecording is;
        try {
            was = RecordingReader.read(before);
            is = RecordingReader.read(after);
        } catch (RecordingProblem problem) {
            err.println("streamscope: " + problem.getMessage());
            return Verdict.USAGE_EXIT_STATUS;
        }
        List<RecordingComparison.Row> rows = RecordingComparison.compare(was, is);
        stdout.print(RecordingComparison.table(was, is, rows));
        if (out == null || out.isBlank()) {
            return 0;
        }
        try {
            Path folder = Path.of(out.trim()).toAbsolutePath();
            Files.createDirectories(folder);
            RecordingWriter.writeText(folder.resolve("compare.md"), RecordingComparison.markdown(was, is, rows));
            RecordingWriter.writeText(folder.resolve("compare.json"), RecordingComparison.json(was, is, rows));
            err.println("streamscope: wrote compare.md and compare.json into " + folder);
            return 0;
        } catch (IOException e) {
            err.println("streamscope: could not write the comparison into " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
