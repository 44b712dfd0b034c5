package org.vfiovnc.encoding.h264;

/** A video encoder could not be opened or failed on a frame; the message says which and why. */
public final class VideoEncoderException extends Exception {
    public VideoEncoderException(String message) {
        super(message);
    }
}
