package org.vfiovnc.surface;

/**
 * What became of a viewer's request for a new screen size ({@code DisplaySource.requestSize}).
 * Only {@link #ACCEPTED} means the guest was asked; its new size, if it takes one, comes as a frame
 * of that size some time later, and it may pick another size than the one asked for.
 */
public enum SizeRequest {
    /** Passed on to the guest (or taken by the source itself); the size changes when the guest follows. */
    ACCEPTED,
    /** This source cannot change the size: the guest (or a vGPU's driver) decides it alone. */
    PROHIBITED,
    /** The source could ask, but not now (not attached, the VM did not answer). */
    UNAVAILABLE,
    /** The size itself is impossible (zero, or larger than the source allows). */
    INVALID
}
