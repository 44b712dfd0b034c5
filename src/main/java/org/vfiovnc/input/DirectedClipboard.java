package org.vfiovnc.input;

import java.util.function.Consumer;

/** A guest clipboard that lets text through only in the directions the operator allowed. */
final class DirectedClipboard implements GuestClipboard {
    private final GuestClipboard guest;
    private final ClipboardDirection direction;

    DirectedClipboard(GuestClipboard guest, ClipboardDirection direction) {
        this.guest = guest;
        this.direction = direction;
    }

    @Override
    public boolean available() {
        return guest.available();
    }

    @Override
    public boolean toGuest() {
        return direction.toGuest() && guest.toGuest();
    }

    @Override
    public boolean fromGuest() {
        return direction.fromGuest() && guest.fromGuest();
    }

    @Override
    public void fromViewer(String text) {
        if (toGuest()) {
            guest.fromViewer(text);
        }
    }

    @Override
    public void addListener(Consumer<String> listener) {
        if (direction.fromGuest()) {
            guest.addListener(listener);
        }
    }

    @Override
    public void removeListener(Consumer<String> listener) {
        guest.removeListener(listener);
    }

    @Override
    public void close() {
        guest.close();
    }
}
