package dev.weft.ui.settings;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The live settings: every change is saved at once and told to listeners. UI thread. */
public final class SettingsHolder {
    private final SettingsStore store;
    private Settings settings;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<String> problems;

    /** @param problems told when the settings cannot be saved */
    public SettingsHolder(SettingsStore store, Consumer<String> problems) {
        this.store = store;
        this.problems = problems;
        this.settings = store.load();
        store.problem().ifPresent(problems);
    }

    public Settings get() {
        return settings;
    }

    public SettingsStore store() {
        return store;
    }

    public void update(UnaryOperator<Settings> change) {
        Settings next = change.apply(settings);
        if (next.equals(settings)) {
            return;
        }
        settings = next;
        try {
            store.save(next);
        } catch (IOException e) {
            problems.accept("Could not save the settings to " + store.file() + ": " + e.getMessage());
        }
        listeners.forEach(l -> l.accept(next));
    }

    public void addListener(Consumer<Settings> l) {
        listeners.add(l);
    }
}
