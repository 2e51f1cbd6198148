package dev.streamscope.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void exportFolderOrHomeIsTheHomeFolderUntilAnExportWasMade() {
        assertThat(Settings.DEFAULTS.exportFolderOrHome()).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void exportFolderOrHomeIsTheLastExportsFolder() {
        Settings exported = Settings.DEFAULTS.withExport(800, 600, "/tmp/exports");

        assertThat(exported.exportFolderOrHome()).isEqualTo(Path.of("/tmp/exports"));
    }
}
