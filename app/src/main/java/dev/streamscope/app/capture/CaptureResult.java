package dev.streamscope.app.capture;

import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.recording.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished capture left behind.
 *
 * @param folder where its files are (the --out folder, or a new subfolder of it)
 * @param files every file written, in writing order; summary.json last
 */
public record CaptureResult(Path folder, Verdict verdict, Summary summary, List<Path> files) {

    public CaptureResult {
        files = List.copyOf(files);
    }
}
