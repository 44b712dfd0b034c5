package org.vfiovnc.input;

/**
 * Everything viewers may ask of the VM beyond looking at it: keyboard and pointer, power, clipboard.
 * Each part says itself what it can do; the server offers viewers only that (and only what the
 * operator allowed).
 */
public record GuestLink(InputSink input, PowerControl power, GuestClipboard clipboard) implements AutoCloseable {

    /** Input only: no power control, no guest clipboard. */
    public static GuestLink of(InputSink input) {
        return new GuestLink(input, PowerControl.NONE, GuestClipboard.NONE);
    }

    @Override
    public void close() {
        input.close();
        power.close();
        clipboard.close();
    }
}
