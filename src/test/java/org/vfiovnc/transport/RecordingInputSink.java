package org.vfiovnc.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vfiovnc.input.InputSink;

/** Keeps the keysyms of key presses, so a test can see what a viewer typed. */
final class RecordingInputSink implements InputSink {
    final List<Integer> pressed = new CopyOnWriteArrayList<>();

    @Override
    public void key(boolean down, int keysym, int scancode) {
        if (down) {
            pressed.add(keysym);
        }
    }

    @Override
    public void pointer(int x, int y, int buttonMask, int width, int height) {
        // pointer moves are not checked here
    }
}
