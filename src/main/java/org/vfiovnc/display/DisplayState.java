package org.vfiovnc.display;

/** What the refresh loop is showing. */
public enum DisplayState {
    /** Not opened yet. */
    STARTING,
    /** Frames come from the source. */
    LIVE,
    /** The source is open but has no picture (display disabled, empty plane). */
    NO_SIGNAL,
    /** The source failed or vanished; it is reopened with backoff. */
    FAILED
}
