package org.vfiovnc.cli;

import org.vfiovnc.source.dmabuf.Readback;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --readback auto|mmap|egl}, refused with the choices when it is anything else. */
final class ReadbackConverter implements ITypeConverter<Readback> {
    @Override
    public Readback convert(String value) {
        try {
            return Readback.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("--readback must be auto, mmap or egl, got '" + value + "'");
        }
    }
}
