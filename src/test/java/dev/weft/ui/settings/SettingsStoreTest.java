package dev.weft.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void settingsRoundTripThroughTheFile() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("weft"));
        Settings s = Settings.DEFAULTS.withFolders(Optional.of(Path.of("/m")), Optional.of(Path.of("/o")),
                Optional.empty()).withTheme(Theme.LIGHT).withRunOnChange(true).withMinimap(false)
                .withRecent(Path.of("/a.json")).withRecent(Path.of("/b.json")).withRecent(Path.of("/a.json"));
        store.save(s);
        Settings back = new SettingsStore(dir.resolve("weft")).load();
        assertEquals(s, back);
        assertEquals(Path.of("/a.json"), back.recentFiles().get(0));
        assertEquals(2, back.recentFiles().size());
    }

    @Test
    void aMissingFileGivesDefaultsAndABrokenOneDefaultsWithAReason() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertEquals(Settings.DEFAULTS, store.load());
        assertTrue(store.problem().isEmpty());
        Files.writeString(store.file(), "{ not json");
        assertEquals(Settings.DEFAULTS, store.load());
        assertTrue(store.problem().orElseThrow().contains(store.file().toString()));
    }

    @Test
    void theRecentListKeepsTheTenNewest() {
        Settings s = Settings.DEFAULTS;
        for (int i = 0; i < 15; i++) {
            s = s.withRecent(Path.of("/w" + i + ".json"));
        }
        assertEquals(Settings.RECENT_LIMIT, s.recentFiles().size());
        assertEquals(Path.of("/w14.json"), s.recentFiles().get(0));
    }
}
