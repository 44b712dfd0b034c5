package org.vfiovnc.source.qemudbus;

/** The input interfaces of the attached console. */
record ConsoleInput(Display1Keyboard keyboard, Display1Mouse mouse) {
}
