package org.vfiovnc.surface;

/** A cursor shape with its screen position (the position may be unknown: -1) and a serial that changes with either. */
public record CursorState(CursorImage image, int x, int y, long serial) {}
