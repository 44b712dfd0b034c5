package org.vfiovnc.input;

import java.util.function.Consumer;

/**
 * Paste without a guest agent (--paste-as-keys): text viewers put on their clipboard is typed into
 * the guest by a {@link TextTyper}; text the guest copies still comes from {@code guest} (its own
 * clipboard, where one exists). The operator turns this on: every viewer copy becomes keystrokes.
 */
public final class TypingClipboard implements GuestClipboard {
    private final TextTyper typer;
    private final GuestClipboard guest;

    /** @param guest where the guest's copies come from ({@link GuestClipboard#NONE} when nowhere) */
    public TypingClipboard(TextTyper typer, GuestClipboard guest) {
        this.typer = typer;
        this.guest = guest;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public boolean toGuest() {
        return true;
    }

    @Override
    public boolean fromGuest() {
        return guest.fromGuest();
    }

    @Override
    public void fromViewer(String text) {
        typer.type(text);
    }

    @Override
    public void addListener(Consumer<String> listener) {
        guest.addListener(listener);
    }

    @Override
    public void removeListener(Consumer<String> listener) {
        guest.removeListener(listener);
    }

    @Override
    public void close() {
        typer.close();
        guest.close();
    }
}
