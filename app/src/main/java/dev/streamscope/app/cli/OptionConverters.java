package dev.streamscope.app.cli;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.settings.Settings;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How the command line's values are read, each rejecting a bad one with a message that says what would do. */
final class OptionConverters {

    static final Duration MIN_HISTOGRAM_DEADLINE = Duration.ofSeconds(1);
    static final Duration MAX_HISTOGRAM_DEADLINE = Duration.ofMinutes(30);

    /** Parses {@code 500ms}, {@code 1s}, {@code 5m}, {@code 1h}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = DurationText.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (duration.isZero()) {
                throw new TypeConversionException("a duration of zero makes no sense here; try 1s");
            }
            return duration;
        }
    }

    /** Parses the trend window: a duration from 10 s to 1 h. */
    static final class TrendWindowConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration window = new DurationConverter().convert(value);
            if (!Settings.validTrendWindow(window)) {
                throw new TypeConversionException("the trend window must be from "
                        + DurationText.format(Settings.MIN_TREND_WINDOW) + " to "
                        + DurationText.format(Settings.MAX_TREND_WINDOW) + "; got \"" + value + "\"");
            }
            return window;
        }
    }

    /** Parses "live" or "all". */
    static final class HistogramModeConverter implements ITypeConverter<HistogramMode> {
        @Override
        public HistogramMode convert(String value) {
            try {
                return HistogramMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " (live forces a full GC on the target first)");
            }
        }
    }

    /** Parses a histogram's deadline: a duration from 1 s to 30 min. */
    static final class HistogramDeadlineConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration deadline = new DurationConverter().convert(value);
            if (deadline.compareTo(MIN_HISTOGRAM_DEADLINE) < 0 || deadline.compareTo(MAX_HISTOGRAM_DEADLINE) > 0) {
                throw new TypeConversionException("a histogram's deadline must be from "
                        + DurationText.format(MIN_HISTOGRAM_DEADLINE) + " to "
                        + DurationText.format(MAX_HISTOGRAM_DEADLINE) + "; got \"" + value + "\"");
            }
            return deadline;
        }
    }

    /** Parses the RPCs in flight, with the same message the connect dialog gives. */
    static final class MaxInFlightConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return TargetSpecs.maxInFlight(value);
            } catch (TargetProblem problem) {
                throw new TypeConversionException(problem.getMessage());
            }
        }
    }

    private OptionConverters() {}
}
