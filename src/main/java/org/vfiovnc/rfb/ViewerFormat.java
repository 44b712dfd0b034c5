package org.vfiovnc.rfb;

import org.vfiovnc.encoding.PixelTranslator;
import org.vfiovnc.protocol.PixelFormat;

/**
 * The pixel format a viewer asked for: the translator its pixels are encoded with, and whether
 * its colour map is still to be sent (colour-mapped formats). Not thread-safe: used under
 * {@link UpdateState}'s lock.
 */
final class ViewerFormat {
    private PixelTranslator translator = new PixelTranslator(PixelFormat.serverDefault());
    private boolean colourMapDue;

    /** A format without problems (see {@link PixelFormat#problem()}). */
    void set(PixelFormat format) {
        translator = new PixelTranslator(format);
        colourMapDue = !format.trueColour();
    }

    PixelTranslator translator() {
        return translator;
    }

    boolean colourMapDue() {
        return colourMapDue;
    }

    /** The colour map to send now, or null when none is due. */
    int[][] takeColourMap() {
        if (!colourMapDue) {
            return null;
        }
        colourMapDue = false;
        return translator.colourMap();
    }
}
