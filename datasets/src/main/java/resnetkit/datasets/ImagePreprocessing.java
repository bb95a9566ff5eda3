package resnetkit.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two preprocessing conventions of ImageNet-pretrained ResNets. Both resize the short side (Pillow's
 * bilinear, see {@link Resampler}; the long side is scaled and truncated as torchvision does), then crop the
 * centre {@value #CROP}x{@value #CROP}, and give {@code [3, 224, 224]} floats per image (NCHW):
 * <ul>
 *   <li>{@link #KERAS_CAFFE}: Keras' {@code preprocess_input(mode="caffe")}, what the kit's Keras ResNet-50
 *       weights expect: channels in BGR order, minus the ImageNet mean [103.939, 116.779, 123.68] (B, G, R),
 *       values stay on the 0..255 scale;</li>
 *   <li>{@link #TORCHVISION}: torchvision's classic eval transform (resize 256, crop 224): RGB scaled to
 *       [0,1], then {@code (x - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]};</li>
 *   <li>{@link #TORCHVISION_232}: the same with the short side resized to 232, as torchvision's newer
 *       ("IMAGENET1K_V2") weights are evaluated.</li>
 * </ul>
 * The arithmetic is float32 in the order numpy and PyTorch use, so PNG inputs give the same values as Python.
 */
public enum ImagePreprocessing {
    /** Keras "caffe": BGR, mean-subtracted, 0..255 scale; short side 256, centre crop 224. */
    KERAS_CAFFE(256, true, 1f, new float[] {103.939f, 116.779f, 123.68f}, null),
    /** torchvision: RGB in [0,1], normalised with ImageNet mean and std; short side 256, centre crop 224. */
    TORCHVISION(256, false, 255f, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
    /** torchvision with short side 232 (the V2 weights' eval transform), centre crop 224. */
    TORCHVISION_232(232, false, 255f, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    /** Side of the centre crop, and of the output. */
    public static final int CROP = 224;

    private final int shortSide;
    private final boolean bgr;
    private final float divisor;
    private final float[] mean;
    private final float[] std;

    ImagePreprocessing(int shortSide, boolean bgr, float divisor, float[] mean, float[] std) {
        this.shortSide = shortSide;
        this.bgr = bgr;
        this.divisor = divisor;
        this.mean = mean;
        this.std = std;
    }

    /** The side the shorter image side is resized to before cropping. */
    public int shortSide() {
        return shortSide;
    }

    /** One image as {@code [1, 3, 224, 224]}. */
    public INDArray apply(BufferedImage image) {
        float[] values = new float[3 * CROP * CROP];
        write(image, values, 0);
        return Nd4j.create(values, new long[] {1, 3, CROP, CROP}, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** Writes the {@code 3 x 224 x 224} values of one image into {@code out} from {@code offset}. */
    void write(BufferedImage image, float[] out, int offset) {
        normalise(crop(image), out, offset);
    }

    /**
     * The resized, centre-cropped pixels of one image before normalisation: R, G, B planes of 224x224, values
     * 0..255 stored as unsigned bytes ({@code b & 0xFF}). {@link #normalise} turns them into exactly the values
     * {@link #apply} gives, so a sweep can decode each image once and keep 150 KB per image instead of 600 KB.
     */
    public byte[] crop(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[][] rgb = rgbPlanes(image);
        // torchvision: new_short = size, new_long = int(size * long / short)
        int newW;
        int newH;
        if (w <= h) {
            newW = shortSide;
            newH = (int) ((long) shortSide * h / w);
        } else {
            newH = shortSide;
            newW = (int) ((long) shortSide * w / h);
        }
        int[][] resized = Resampler.resize(rgb, w, h, newW, newH);
        // torchvision CenterCrop: int(round((size - crop) / 2.0)); Python rounds halves to even
        int top = (int) Math.rint((newH - CROP) / 2.0);
        int left = (int) Math.rint((newW - CROP) / 2.0);
        byte[] out = new byte[3 * CROP * CROP];
        for (int c = 0; c < 3; c++) {
            int[] plane = resized[c];
            int base = c * CROP * CROP;
            for (int y = 0; y < CROP; y++) {
                for (int x = 0; x < CROP; x++) {
                    out[base + y * CROP + x] = (byte) plane[(top + y) * newW + left + x];
                }
            }
        }
        return out;
    }

    /** Writes the normalised {@code 3 x 224 x 224} values of a {@link #crop} into {@code out} from {@code offset}. */
    public void normalise(byte[] crop, float[] out, int offset) {
        int area = CROP * CROP;
        for (int c = 0; c < 3; c++) {
            int from = (bgr ? 2 - c : c) * area;
            int base = offset + c * area;
            for (int i = 0; i < area; i++) {
                float v = crop[from + i] & 0xFF;
                if (std == null) {
                    out[base + i] = v - mean[c];
                } else {
                    out[base + i] = (v / divisor - mean[c]) / std[c];
                }
            }
        }
    }

    /**
     * R, G, B planes, 0..255, the file's samples as decoded: an embedded colour profile is not applied (Pillow's
     * {@code convert("RGB")}, which Keras' and torchvision's loaders use, ignores it too).
     * Single-channel gray images are read from the raster: {@code getRGB} would pass them through Java's linear
     * gray colour space and brighten them (gray 128 becomes 188).
     */
    static int[][] rgbPlanes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[][] planes = new int[3][w * h];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && raster.getNumBands() <= 2) {
            int max = (1 << model.getComponentSize(0)) - 1;
            int[] gray = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < gray.length; i++) {
                int v = max == 255 ? gray[i] : (int) Math.round(gray[i] * 255.0 / max);
                planes[0][i] = v;
                planes[1][i] = v;
                planes[2][i] = v;
            }
            return planes;
        }
        if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_RGB
                && raster.getNumBands() >= 3 && model.getComponentSize(0) == 8) {
            // the decoded samples as they are: an embedded colour profile (ICC) is ignored, as Pillow and Keras'
            // image loading ignore it (getRGB would convert the pixels to sRGB through the profile)
            for (int c = 0; c < 3; c++) {
                raster.getSamples(0, 0, w, h, c, planes[c]);
            }
            return planes;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            planes[0][i] = (argb[i] >> 16) & 0xFF;
            planes[1][i] = (argb[i] >> 8) & 0xFF;
            planes[2][i] = argb[i] & 0xFF;
        }
        return planes;
    }
}
