package org.vfiovnc.encoding.jpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The pure-JDK fallback (javax.imageio), used when libturbojpeg is not installed. Always 4:2:0. */
public final class ImageIoJpegCompressor implements JpegCompressor {
    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();

    @Override
    public byte[] compress(int[] rgb, int offset, int stride, int width, int height, int quality, boolean subsample) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, offset, stride);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public String name() {
        return "javax.imageio";
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
