package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Golden values from Pillow 9.4.0: {@code Image.resize((w, h), Image.BILINEAR)} on an 8-bit gray image. */
class ResamplerTest {

    /** 7x5 input, pixel (x, y) = (37x + 11y + 5xy) mod 256. */
    private static final int[] INPUT = {0, 37, 74, 111, 148, 185, 222, 11, 53, 95, 137, 179, 221, 7, 22, 69, 116, 163,
        210, 1, 48, 33, 85, 137, 189, 241, 37, 89, 44, 101, 158, 215, 16, 73, 130};

    private static int[] resize(int w, int h) {
        return Resampler.resize(new int[][] {INPUT}, 7, 5, w, h)[0];
    }

    @Test
    void downscaleMatchesPillow() {
        assertThat(resize(3, 4)).containsExactly(36, 118, 177, 53, 142, 106, 71, 163, 84, 89, 149, 86);
    }

    @Test
    void upscaleMatchesPillow() {
        assertThat(resize(10, 8)).containsExactly(0, 20, 46, 72, 98, 124, 150, 176, 202, 222, 5, 26, 54, 81, 109, 136,
                164, 191, 168, 128, 12, 35, 65, 94, 124, 154, 182, 201, 119, 10, 19, 44, 76, 107, 139, 171, 194, 102, 54,
                35, 25, 52, 86, 120, 155, 188, 210, 64, 34, 61, 32, 61, 97, 133, 170, 205, 229, 86, 58, 86, 39, 69, 108,
                146, 185, 172, 112, 72, 82, 112, 44, 75, 115, 155, 195, 145, 19, 59, 99, 130);
    }

    @Test
    void oneAxisOnlyMatchesPillowAndSameSizeIsIdentity() {
        assertThat(resize(7, 3)).containsExactly(5, 44, 83, 122, 161, 200, 130, 22, 69, 116, 163, 210, 58, 48, 39, 94,
                149, 204, 112, 58, 112);
        assertThat(resize(7, 5)).containsExactly(INPUT);
    }
}
