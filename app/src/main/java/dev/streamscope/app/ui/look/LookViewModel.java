package dev.streamscope.app.ui.look;

import dev.streamscope.app.chart.ChartLook;
import dev.streamscope.app.chart.ChartPalette;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.ui.TaskRunner;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The window's look: the chosen theme, whether the window is dark now, and the text size in percent. Remembered in
 * the settings. Lives on the FX thread; the desktop's preference is read in the background.
 */
public final class LookViewModel {

    static final int FONT_SCALE_STEP = 10;

    /** The root font size at 100 %, as styles/streamscope.css sets it. */
    static final double NORMAL_FONT_PIXELS = 13;

    private final TaskRunner tasks;
    private final Callable<Boolean> desktopPrefersDark;
    private final Supplier<Settings> settings;
    private final Consumer<Settings> save;
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper fontScale = new ReadOnlyIntegerWrapper();

    public LookViewModel(
            TaskRunner tasks,
            Callable<Boolean> desktopPrefersDark,
            Supplier<Settings> settings,
            Consumer<Settings> save) {
        this.tasks = tasks;
        this.desktopPrefersDark = desktopPrefersDark;
        this.settings = settings;
        this.save = save;
        this.fontScale.set(settings.get().fontScale());
        show(Theme.fromId(settings.get().theme()));
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty fontScaleProperty() {
        return fontScale.getReadOnlyProperty();
    }

    /** The root's {@code -fx-font-size} for the current text size. */
    public String rootFontStyle() {
        return String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", NORMAL_FONT_PIXELS * fontScale.get() / 100);
    }

    public ChartPalette chartPalette() {
        return dark.get() ? ChartPalette.DARK : ChartPalette.LIGHT;
    }

    public double chartFontScale() {
        return fontScale.get() / 100.0;
    }

    /** The window's charts look, which charts exported from it share. */
    public ChartLook chartLook() {
        return new ChartLook(chartPalette(), chartFontScale());
    }

    public void choose(Theme chosen) {
        if (chosen != theme.get()) {
            show(chosen);
            remember();
        }
    }

    public void biggerText() {
        resize(fontScale.get() + FONT_SCALE_STEP);
    }

    public void smallerText() {
        resize(fontScale.get() - FONT_SCALE_STEP);
    }

    public void normalText() {
        resize(100);
    }

    private void resize(int percent) {
        int bounded = Math.max(Settings.MIN_FONT_SCALE, Math.min(Settings.MAX_FONT_SCALE, percent));
        if (bounded != fontScale.get()) {
            fontScale.set(bounded);
            remember();
        }
    }

    private void show(Theme chosen) {
        theme.set(chosen);
        if (chosen == Theme.DESKTOP) {
            tasks.background(
                    desktopPrefersDark,
                    prefersDark -> dark.set(theme.get() == Theme.DESKTOP ? prefersDark : dark.get()),
                    failure -> dark.set(theme.get() == Theme.DARK));
        } else {
            dark.set(chosen == Theme.DARK);
        }
    }

    private void remember() {
        save.accept(settings.get().withLook(theme.get().id(), fontScale.get()));
    }
}
