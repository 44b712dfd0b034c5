package org.vfiovnc.input;

/** Told when the guest's keyboard LEDs change (QEMU LED state for viewers that show them). */
@FunctionalInterface
public interface LedListener {
    int SCROLL_LOCK = 1;
    int NUM_LOCK = 2;
    int CAPS_LOCK = 4;

    /** @param leds bit mask of {@link #SCROLL_LOCK}, {@link #NUM_LOCK}, {@link #CAPS_LOCK} */
    void ledsChanged(int leds);
}
