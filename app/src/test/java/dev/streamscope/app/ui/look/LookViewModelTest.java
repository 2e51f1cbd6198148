package dev.streamscope.app.ui.look;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.chart.ChartPalette;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.ui.SameThreadTasks;
import dev.streamscope.app.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The look's choices and limits, with a same-thread runner and the desktop's answer given. */
class LookViewModelTest {

    private static final TaskRunner SAME_THREAD = SameThreadTasks.INSTANCE;

    private final List<Settings> saved = new ArrayList<>();

    private LookViewModel look(Settings settings, Callable<Boolean> desktopPrefersDark) {
        saved.add(settings);
        return new LookViewModel(SAME_THREAD, desktopPrefersDark, () -> saved.get(saved.size() - 1), saved::add);
    }

    @Test
    void followsTheDesktopByDefaultAndIsLightWhenTheDesktopCannotBeRead() {
        LookViewModel dark = look(Settings.DEFAULTS, () -> true);
        LookViewModel unreadable = look(Settings.DEFAULTS, () -> {
            throw new IllegalStateException("no gsettings");
        });

        assertThat(dark.themeProperty().get()).isEqualTo(Theme.DESKTOP);
        assertThat(dark.darkProperty().get()).isTrue();
        assertThat(dark.chartPalette()).isEqualTo(ChartPalette.DARK);
        assertThat(unreadable.darkProperty().get()).isFalse();
        assertThat(unreadable.chartPalette()).isEqualTo(ChartPalette.LIGHT);
    }

    @Test
    void aChosenThemeIsShownAndRememberedWhateverTheDesktopPrefers() {
        LookViewModel look = look(Settings.DEFAULTS, () -> true);

        look.choose(Theme.LIGHT);

        assertThat(look.darkProperty().get()).isFalse();
        assertThat(saved.get(saved.size() - 1).theme()).isEqualTo("light");
        look.choose(Theme.DARK);
        assertThat(look.darkProperty().get()).isTrue();
        assertThat(saved.get(saved.size() - 1).theme()).isEqualTo("dark");
    }

    @Test
    void textSizeStepsByTenPercentWithinItsBoundsAndResets() {
        LookViewModel look = look(Settings.DEFAULTS.withLook("light", 100), () -> false);

        look.biggerText();
        assertThat(look.fontScaleProperty().get()).isEqualTo(110);
        assertThat(look.rootFontStyle()).isEqualTo("-fx-font-size: 14.3px;");
        assertThat(look.chartFontScale()).isEqualTo(1.1);
        for (int i = 0; i < 20; i++) {
            look.biggerText();
        }
        assertThat(look.fontScaleProperty().get()).isEqualTo(Settings.MAX_FONT_SCALE);
        for (int i = 0; i < 30; i++) {
            look.smallerText();
        }
        assertThat(look.fontScaleProperty().get()).isEqualTo(Settings.MIN_FONT_SCALE);
        look.normalText();
        assertThat(look.fontScaleProperty().get()).isEqualTo(100);
        assertThat(saved.get(saved.size() - 1).fontScale()).isEqualTo(100);
    }
}
