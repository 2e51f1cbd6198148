package dev.streamscope.app.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeTextTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void mebibytesRoundsToOneDecimal() {
        assertThat(SizeText.mebibytes(12 * MIB + 300 * 1024)).isEqualTo("12.3 MiB");
        assertThat(SizeText.mebibytes(0)).isEqualTo("0.0 MiB");
    }

    @Test
    void mebibytesGroupsThousandsWithCommas() {
        assertThat(SizeText.mebibytes(2048 * MIB)).isEqualTo("2,048.0 MiB");
    }

    @Test
    void wholeMebibytesRoundsToTheNearest() {
        assertThat(SizeText.wholeMebibytes(511.6 * MIB)).isEqualTo("512 MiB");
        assertThat(SizeText.wholeMebibytes(2048.0 * MIB)).isEqualTo("2,048 MiB");
    }

    @Test
    void kibibytesRoundsToOneDecimal() {
        assertThat(SizeText.kibibytes(4_096)).isEqualTo("4.0 KiB");
        assertThat(SizeText.kibibytes(5_325)).isEqualTo("5.2 KiB");
    }

    @Test
    void inMebibytesDividesByTwoToTheTwentieth() {
        assertThat(SizeText.inMebibytes(3 * MIB)).isEqualTo(3.0);
    }
}
