package org.vfiovnc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vfiovnc.input.GuestClipboard;

/** A guest clipboard in memory: keeps what viewers send, and lets a test play the guest copying. */
public final class MemoryClipboard implements GuestClipboard {
    public final List<String> fromViewers = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void fromViewer(String text) {
        fromViewers.add(text);
    }

    /** The guest copied {@code text}: every listener hears it (on the caller's thread). */
    public void guestCopies(String text) {
        for (Consumer<String> l : listeners) {
            l.accept(text);
        }
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }
}
